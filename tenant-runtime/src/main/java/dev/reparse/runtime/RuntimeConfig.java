package dev.reparse.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Configuration of one tenant runtime: the one app it serves and where that app's data lives. */
@ConfigMapping(prefix = "reparse")
public interface RuntimeConfig {
    /** The application ID every request must carry. */
    String appId();

    /** The master key; it never leaves the server side. Required unless a {@link #configFile()} holds it. */
    Optional<String> masterKey();

    /**
     * A JSON file with the app's keys and settings (see {@code dev.reparse.runtime.control.SettingsFile}),
     * written by the control plane; when set it replaces the key and settings options, and the
     * runtime re-reads it within a second of a change, without a restart.
     */
    Optional<String> configFile();

    /** A master key that may read everything and write nothing. */
    Optional<String> readOnlyMasterKey();

    /** The JavaScript key; when any client key is set, requests must carry one of them. */
    Optional<String> javascriptKey();

    /** The REST API key. */
    Optional<String> restKey();

    /** The client key used by the iOS and Android SDKs. */
    Optional<String> clientKey();

    /** The .NET (Windows) key. */
    Optional<String> dotnetKey();

    /** The key sent as {@code X-Parse-Webhook-Key} to the app's webhooks, so they can tell calls are from its server. */
    Optional<String> webhookKey();

    /** The MongoDB connection string; without one the runtime starts an embedded MongoDB-wire server. */
    Optional<String> mongoUri();

    /** Where embedded data is kept. */
    @WithDefault("./.reparse/data")
    String dataDir();

    /** The path the API is served under. */
    @WithDefault("/parse")
    String mount();

    /** Whether requests without the master key may create classes (Parse Server 9: no). */
    @WithDefault("false")
    boolean allowClientClassCreation();

    /**
     * Whether a user signed up without an ACL is readable by itself only, as Parse Server 9's
     * {@code enforcePrivateUsers} (default); false gives new users public read.
     */
    @WithDefault("true")
    boolean enforcePrivateUsers();

    /** The largest {@code limit} a query may ask for. */
    @WithDefault("10000")
    int maxLimit();

    /** The most requests one {@code /batch} may carry. */
    @WithDefault("50")
    int batchRequestLimit();

    /** The deepest a {@code where} may nest {@code $or}/{@code $and}/{@code $nor}/subqueries. */
    @WithDefault("10")
    int maxQueryDepth();

    /** What one query may cost the database: time, regexes, list lengths, skip. */
    QueryConfig query();

    /** LiveQuery: the live classes of a runtime without a settings file, and the limits per app. */
    dev.reparse.runtime.livequery.LiveQueryConfig liveQuery();

    /** The {@code Access-Control-Allow-Origin} answered to browsers. */
    @WithDefault("*")
    String corsAllowOrigin();

    /** How long a session lives, in seconds (Parse Server's {@code sessionLength}; default one year). */
    @WithDefault("31536000")
    long sessionLength();

    /** Whether using a session pushes its expiry a full session length forward (Parse Server's {@code expireInactiveSessions}). */
    @WithDefault("true")
    boolean expireInactiveSessions();

    /** Whether changing a password ends the user's other sessions (Parse Server's {@code revokeSessionOnPasswordReset}). */
    @WithDefault("true")
    boolean revokeSessionOnPasswordChange();

    /** The largest request body accepted, in bytes. */
    @WithDefault("20971520")
    long maxBodyBytes();

    /** The GraphQL API ({@code /graphql}): who may introspect it and how big a request may be. */
    GraphQL graphql();

    /** The GraphQL API's guards; the master key passes all of them, as in Parse Server. */
    interface GraphQL {
        /** Whether requests without the master key may introspect the schema (Parse Server's {@code graphQLPublicIntrospection}). */
        @WithDefault("false")
        boolean publicIntrospection();

        /** The deepest selection a request without the master key may make; -1 for no limit. */
        @WithDefault("15")
        int maxDepth();

        /** The most fields a request without the master key may select; -1 for no limit. */
        @WithDefault("500")
        int maxFields();
    }
}
