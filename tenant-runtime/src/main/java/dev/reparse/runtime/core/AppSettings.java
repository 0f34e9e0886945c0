package dev.reparse.runtime.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the one app a runtime serves, as plain values so the core can be built and
 * tested without a configuration system.
 */
public record AppSettings(String appId, Keys keys, Limits limits, boolean allowClientClassCreation,
        Sessions sessions) {

    /** The app's keys; absent client keys are not required. */
    public record Keys(String masterKey, Optional<String> readOnlyMasterKey, Optional<String> javascriptKey,
            Optional<String> restKey, Optional<String> clientKey, Optional<String> dotnetKey) {
        public Keys {
            Objects.requireNonNull(masterKey, "masterKey");
            if (masterKey.isBlank()) {
                throw new IllegalArgumentException("the master key must not be blank");
            }
        }

        /** The client keys that are configured; when none is, the application ID alone is enough. */
        public List<String> configuredClientKeys() {
            return java.util.stream.Stream.of(javascriptKey, restKey, clientKey, dotnetKey)
                    .flatMap(Optional::stream)
                    .toList();
        }

        public static Keys masterOnly(String masterKey) {
            return new Keys(masterKey, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    /** Bounds on what one request may ask for. */
    public record Limits(int maxLimit, int batchRequestLimit, int maxQueryDepth) {
        public Limits {
            if (maxLimit < 1 || batchRequestLimit < 1 || maxQueryDepth < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        public static Limits defaults() {
            return new Limits(10_000, 50, 10);
        }
    }

    /**
     * How long sessions live and when they end.
     *
     * @param length how long a new session is valid, and, with {@code expireInactive}, how long an unused one stays valid
     * @param expireInactive whether using a session pushes its {@code expiresAt} forward (sliding expiry)
     * @param revokeOnPasswordChange whether changing a password ends the user's other sessions
     */
    public record Sessions(java.time.Duration length, boolean expireInactive, boolean revokeOnPasswordChange) {
        public Sessions {
            Objects.requireNonNull(length, "length");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("the session length must be positive");
            }
        }

        /** Parse Server's defaults: one year, sliding expiry, revoke on password change. */
        public static Sessions defaults() {
            return new Sessions(java.time.Duration.ofDays(365), true, true);
        }
    }

    /** Settings with the default session policy. */
    public AppSettings(String appId, Keys keys, Limits limits, boolean allowClientClassCreation) {
        this(appId, keys, limits, allowClientClassCreation, Sessions.defaults());
    }

    public AppSettings {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(appId, "appId");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("the application ID must not be blank");
        }
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(limits, "limits");
    }
}
