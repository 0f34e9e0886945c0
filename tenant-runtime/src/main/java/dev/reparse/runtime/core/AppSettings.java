package dev.reparse.runtime.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the one app a runtime serves, as plain values so the core can be built and
 * tested without a configuration system. They may change while the runtime runs (a key rotation,
 * a settings change from the control plane): readers take the current value per request.
 */
public record AppSettings(String appId, Keys keys, Limits limits, Access access, Sessions sessions,
        java.util.Set<String> liveQueryClasses) {

    /** Settings with no live class (LiveQuery subscriptions are refused, writes publish nothing). */
    public AppSettings(String appId, Keys keys, Limits limits, Access access, Sessions sessions) {
        this(appId, keys, limits, access, sessions, java.util.Set.of());
    }

    /** Settings with Parse Server 9's defaults for everything but the keys, limits and class creation. */
    public AppSettings(String appId, Keys keys, Limits limits, boolean allowClientClassCreation) {
        this(appId, keys, limits, Access.defaults().withClientClassCreation(allowClientClassCreation),
                Sessions.defaults());
    }

    /**
     * Who may do what without the master key.
     *
     * @param allowClientClassCreation whether requests without the master key may create classes
     * @param clientKeysRequired when the app has client keys, whether a request must carry one (parse.com's
     *     "require client keys" setting); when false the application ID alone is enough
     * @param enforcePrivateUsers whether a user created without an ACL is readable by itself only (Parse
     *     Server 9's default) rather than by everyone
     */
    public record Access(boolean allowClientClassCreation, boolean clientKeysRequired, boolean enforcePrivateUsers) {
        /** Parse Server 9's defaults, with client keys required where the app has them (parse.com's). */
        public static Access defaults() {
            return new Access(false, true, true);
        }

        public Access withClientClassCreation(boolean allow) {
            return new Access(allow, clientKeysRequired, enforcePrivateUsers);
        }
    }

    /** A replaced key that keeps working until {@code expiresAt}, so clients can move over without downtime. */
    public record RetiringKey(String key, Instant expiresAt) {
        public RetiringKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (key.isBlank()) {
                throw new IllegalArgumentException("a retiring key must not be blank");
            }
        }

        /** Whether the key still works at that instant. */
        public boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    /**
     * The app's keys; absent client keys are not required.
     *
     * @param previousMasterKey the master key before a rotation, still accepted until it expires
     */
    public record Keys(String masterKey, Optional<String> readOnlyMasterKey, Optional<String> javascriptKey,
            Optional<String> restKey, Optional<String> clientKey, Optional<String> dotnetKey,
            Optional<RetiringKey> previousMasterKey, Optional<String> webhookKey) {
        public Keys(String masterKey, Optional<String> readOnlyMasterKey, Optional<String> javascriptKey,
                Optional<String> restKey, Optional<String> clientKey, Optional<String> dotnetKey) {
            this(masterKey, readOnlyMasterKey, javascriptKey, restKey, clientKey, dotnetKey, Optional.empty());
        }

        public Keys(String masterKey, Optional<String> readOnlyMasterKey, Optional<String> javascriptKey,
                Optional<String> restKey, Optional<String> clientKey, Optional<String> dotnetKey,
                Optional<RetiringKey> previousMasterKey) {
            this(masterKey, readOnlyMasterKey, javascriptKey, restKey, clientKey, dotnetKey, previousMasterKey,
                    Optional.empty());
        }

        public Keys {
            Objects.requireNonNull(webhookKey, "webhookKey");
            Objects.requireNonNull(previousMasterKey, "previousMasterKey");
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
    public record Limits(int maxLimit, int batchRequestLimit, int maxQueryDepth, QueryBounds query) {
        public Limits {
            Objects.requireNonNull(query, "query");
            if (maxLimit < 1 || batchRequestLimit < 1 || maxQueryDepth < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** With the default {@link QueryBounds}. */
        public Limits(int maxLimit, int batchRequestLimit, int maxQueryDepth) {
            this(maxLimit, batchRequestLimit, maxQueryDepth, QueryBounds.defaults());
        }

        public static Limits defaults() {
            return new Limits(10_000, 50, 10);
        }
    }

    /**
     * How long sessions last and when they end.
     *
     * @param length how long a new session lasts
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

        public Sessions withRevokeOnPasswordChange(boolean revoke) {
            return new Sessions(length, expireInactive, revoke);
        }
    }

    public AppSettings {
        Objects.requireNonNull(appId, "appId");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("the application ID must not be blank");
        }
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(sessions, "sessions");
        liveQueryClasses = liveQueryClasses == null ? java.util.Set.of() : java.util.Set.copyOf(liveQueryClasses);
    }

    /** The same settings with these live classes (LiveQuery's {@code classNames}). */
    public AppSettings withLiveQueryClasses(java.util.Set<String> classNames) {
        return new AppSettings(appId, keys, limits, access, sessions, classNames);
    }

    public boolean allowClientClassCreation() {
        return access.allowClientClassCreation();
    }

    public boolean clientKeysRequired() {
        return access.clientKeysRequired();
    }

    public boolean enforcePrivateUsers() {
        return access.enforcePrivateUsers();
    }

    public Optional<RetiringKey> previousMasterKey() {
        return keys.previousMasterKey();
    }
}
