package dev.reparse.runtime.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the one app a runtime serves, as plain values so the core can be built and
 * tested without a configuration system.
 *
 * @param clientKeysRequired when the app has client keys, whether a request must carry one (parse.com's
 *     "require client keys" setting); when false the application ID alone is enough
 * @param previousMasterKey the master key before a rotation, still accepted until it expires
 */
public record AppSettings(String appId, Keys keys, Limits limits, boolean allowClientClassCreation,
        boolean clientKeysRequired, Optional<RetiringKey> previousMasterKey) {

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

    /** Settings with client keys required when configured and no key in rotation. */
    public AppSettings(String appId, Keys keys, Limits limits, boolean allowClientClassCreation) {
        this(appId, keys, limits, allowClientClassCreation, true, Optional.empty());
    }

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

    public AppSettings {
        Objects.requireNonNull(appId, "appId");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("the application ID must not be blank");
        }
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(previousMasterKey, "previousMasterKey");
    }
}
