package dev.reparse.runtime.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** parse.com's app analytics: custom events and app opens the SDKs send to {@code POST /events/<name>}. */
@ConfigMapping(prefix = "reparse.analytics")
public interface AnalyticsConfig {
    /** Events accepted but not yet stored; past it, {@code /events} answers 429 code 155 until the writer catches up. */
    @WithDefault("20000")
    int queueSize();

    /** Events stored per write (one insert of raw events, one bulk upsert of hourly counts). */
    @WithDefault("2000")
    int batchSize();

    /** How long raw events are kept; hourly counts stay. */
    @WithDefault("90d")
    Duration retention();
}
