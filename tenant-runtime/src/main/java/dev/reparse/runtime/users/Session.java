package dev.reparse.runtime.users;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored {@code _Session}, as much of it as authenticating a request needs.
 *
 * @param expiresAt when it ends; a session without one never does
 */
record Session(String objectId, String token, String userId, Optional<Instant> expiresAt,
        Optional<String> installationId) {
    Session {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(installationId, "installationId");
    }

    boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
