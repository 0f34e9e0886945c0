package dev.reparse.runtime.livequery;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** LiveQuery on a standalone runtime ({@code reparse.live-query.*}): which classes are live, and the limits per app. */
public interface LiveQueryConfig {
    /** The classes whose writes are published ({@code --live-query-classes A,B}); a settings file's list replaces it. */
    Optional<List<String>> classes();

    /** Parse Server's {@code PARSE_SERVER_LIVE_QUERY}, JSON {@code {"classNames": [...]}}; adds to {@link #classes}. */
    Optional<String> parseServerOptions();

    /**
     * Redis ({@code redis://[:password@]host:6379}) carrying the app's events between its replicas; without it (and
     * without {@code redisURL} in {@link #parseServerOptions}) events stay in this process.
     */
    Optional<String> redisUrl();

    /** The most LiveQuery connections the app holds at once; one more is refused (close code 1013). */
    @WithDefault("1000")
    int maxConnections();

    /** The most subscriptions one connection holds; one more is refused with Parse error 155. */
    @WithDefault("100")
    int maxSubscriptionsPerConnection();

    /** The largest frame a client may send, in bytes; a larger one closes the connection (close code 1009). */
    @WithDefault("65536")
    int maxFrameBytes();

    /** Frames waiting to reach one slow client; one more closes its connection (close code 1008) instead of growing memory. */
    @WithDefault("1000")
    int maxQueuedFrames();

    /** Frames one connection may send per second; past it, frames are dropped with one Parse error 155 per second. */
    @WithDefault("50")
    int maxMessagesPerSecond();

    /** How long a subscriber's session (user, roles) is trusted before it is checked again, e.g. after a logout. */
    @WithDefault("2s")
    Duration sessionCacheTtl();
}
