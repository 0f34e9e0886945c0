package dev.reparse.runtime.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an app's analytics live: raw events (kept for the retention window) and hourly counts per event name and
 * dimension set (kept). In the app's own database, beside its classes but not one of them, so they move and go with
 * the app and no other app's store ever holds them.
 */
public interface EventStore {
    /** Stores the events and adds them to their hours' counts, durably, before it returns. */
    void append(List<AnalyticsEvent> events);

    /** The hourly counts of {@code name} in {@code [from, to)} whose dimensions include {@code filter}. */
    List<HourCount> hours(String name, Instant from, Instant to, Map<String, String> filter);

    /** Each event name seen in {@code [from, to)} with its count. */
    Map<String, Long> names(Instant from, Instant to);

    /** Distinct senders (installation, else user) of {@code name} per UTC day in {@code [from, to)}, from raw events. */
    Map<Instant, Long> distinctSendersByDay(String name, Instant from, Instant to);

    /** Drops raw events older than {@code cutoff}; how many. */
    long deleteRawBefore(Instant cutoff);

    /** One hour's count for one dimension set. */
    record HourCount(Instant hour, Map<String, String> dimensions, long count) {
    }

    /** The store's limit on counts one read may scan. */
    int MAX_SCAN = 200_000;

    /** Fails a read that would scan more than {@link #MAX_SCAN} counts. */
    static void checkScanned(long scanned, Optional<String> name) {
        if (scanned > MAX_SCAN) {
            throw new dev.reparse.protocol.ParseException(dev.reparse.protocol.ParseErrorCode.INVALID_QUERY,
                "more than " + MAX_SCAN + " hourly counts" + name.map(n -> " of " + n).orElse("")
                    + " in that range: narrow the range or filter by a dimension");
        }
    }
}
