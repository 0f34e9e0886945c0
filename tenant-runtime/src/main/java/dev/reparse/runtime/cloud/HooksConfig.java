package dev.reparse.runtime.cloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhooks ({@code /hooks}): where they may point and how long a call may take. */
@ConfigMapping(prefix = "reparse.hooks")
public interface HooksConfig {
    /**
     * Hosts a webhook may call although they are, or resolve to, a private, loopback or link-local address
     * (e.g. {@code 127.0.0.1} for local development); every other such URL is refused.
     */
    Optional<List<String>> allowedHosts();

    /** How long a webhook may take to answer. */
    @WithDefault("10s")
    Duration timeout();
}
