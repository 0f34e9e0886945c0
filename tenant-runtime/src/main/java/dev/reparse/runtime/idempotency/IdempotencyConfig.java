package dev.reparse.runtime.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Request de-duplication ({@code reparse.idempotency.*}), Parse Server's {@code idempotencyOptions}:
 * off unless paths are given, as there.
 */
@ConfigMapping(prefix = "reparse.idempotency")
public interface IdempotencyConfig {
    /**
     * Regular expressions for the request paths below the mount, without a leading slash, whose POST and
     * PUT requests are de-duplicated by their {@code X-Parse-Request-Id}, e.g. {@code classes/.*,users,functions/.*};
     * each matches from the start of the path. None: the feature is off.
     */
    Optional<List<String>> paths();

    /** How long a request ID is remembered ({@code idempotencyOptions.ttl}, 300 seconds there). */
    @WithDefault("300s")
    Duration ttl();
}
