package dev.reparse.router.metering;

import java.util.Locale;

/** What a request did, as request analytics count it. */
public enum Operation {
    FIND, GET, CREATE, UPDATE, DELETE, LOGIN, LOGOUT, FUNCTION, JOB, FILE, BATCH, PUSH, EVENT, GRAPHQL, AGGREGATE, SCHEMA,
    CONFIG, META, LIVEQUERY, OTHER;

    private static final Operation[] ALL = values();
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in the usage snapshot and the control plane's API: {@code find}, {@code livequery}, ... */
    public String wireName() {
        return wireName;
    }

    static Operation[] all() {
        return ALL;
    }
}
