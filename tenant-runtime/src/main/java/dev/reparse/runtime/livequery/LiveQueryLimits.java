package dev.reparse.runtime.livequery;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds one app's LiveQuery server keeps.
 *
 * @param maxConnections connections held at once
 * @param maxSubscriptionsPerConnection subscriptions one connection holds
 * @param maxFrameBytes the largest frame a client may send
 * @param maxQueuedFrames frames waiting to reach one client before it counts as a slow consumer
 * @param sessionCacheTtl how long a subscriber's session is trusted before it is checked again
 * @param maxMessagesPerSecond frames one connection may send per second
 */
public record LiveQueryLimits(int maxConnections, int maxSubscriptionsPerConnection, int maxFrameBytes,
        int maxQueuedFrames, Duration sessionCacheTtl, int maxMessagesPerSecond) {
    public LiveQueryLimits {
        Objects.requireNonNull(sessionCacheTtl, "sessionCacheTtl");
        if (maxConnections < 1 || maxSubscriptionsPerConnection < 1 || maxFrameBytes < 64 || maxQueuedFrames < 1
                || maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("LiveQuery limits must be positive (frames at least 64 bytes)");
        }
    }

    /** Limits with the default message rate. */
    public LiveQueryLimits(int maxConnections, int maxSubscriptionsPerConnection, int maxFrameBytes, int maxQueuedFrames,
            Duration sessionCacheTtl) {
        this(maxConnections, maxSubscriptionsPerConnection, maxFrameBytes, maxQueuedFrames, sessionCacheTtl, 50);
    }

    /** The configured limits. */
    public static LiveQueryLimits of(LiveQueryConfig config) {
        return new LiveQueryLimits(config.maxConnections(), config.maxSubscriptionsPerConnection(),
                config.maxFrameBytes(), config.maxQueuedFrames(), config.sessionCacheTtl(), config.maxMessagesPerSecond());
    }

    /** The defaults of {@link LiveQueryConfig}. */
    public static LiveQueryLimits defaults() {
        return new LiveQueryLimits(1000, 100, 65536, 1000, Duration.ofSeconds(2), 50);
    }
}
