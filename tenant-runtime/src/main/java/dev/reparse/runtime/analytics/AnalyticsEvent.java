package dev.reparse.runtime.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One event as an SDK sent it: its name ({@code AppOpened} or the app's own), when it happened, up to eight string
 * dimensions, and who sent it (the installation and the logged-in user, when the request had them).
 */
public record AnalyticsEvent(String name, Instant at, Map<String, String> dimensions, Optional<String> installationId,
        Optional<String> userId) {
    public static final String APP_OPENED = "AppOpened";

    public AnalyticsEvent {
        dimensions = Map.copyOf(dimensions);
    }
}
