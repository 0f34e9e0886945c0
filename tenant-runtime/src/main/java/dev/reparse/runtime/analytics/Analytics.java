package dev.reparse.runtime.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * parse.com's analytics for one app: {@code POST /events/<name>} records an event (any caller the app's keys let in,
 * as Parse Server answers it: {@code {}}), and the master key reads them back: {@code GET /events} (each event name
 * with its count) and {@code GET /events/<name>} (counts per hour or day, filtered by dimensions, optionally split by
 * one dimension, or the distinct senders per day).
 */
public final class Analytics implements AutoCloseable {
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Duration MAX_HOURLY_RANGE = Duration.ofDays(31);
    static final Duration MAX_DAILY_RANGE = Duration.ofDays(400);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventStore store;
    private final EventIngest ingest;
    private final Clock clock;

    public Analytics(EventStore store, EventIngest ingest, Clock clock) {
        this.store = store;
        this.ingest = ingest;
        this.clock = clock;
    }

    /** {@code POST /events/<name>}: stored before the answer. */
    public Map<String, Object> track(Auth auth, String name, Map<String, Object> body) {
        ingest.record(EventInput.read(name, body, auth, clock.instant()));
        return Map.of();
    }

    /** {@code GET /events}: every event name seen in the range, with its count. */
    public Map<String, Object> names(Auth auth, Map<String, Object> params) {
        auth.requireMaster();
        Range range = range(params, MAX_DAILY_RANGE);
        List<Map<String, Object>> results = new ArrayList<>();
        store.names(range.from, range.to).forEach((name, count) -> results.add(Map.of("name", name, "count", count)));
        return body(range, results);
    }

    /** {@code GET /events/<name>}: counts per hour or day (zero-filled), or per dimension value, or distinct senders. */
    public Map<String, Object> series(Auth auth, String name, Map<String, Object> params) {
        auth.requireMaster();
        String interval = text(params, "interval").orElse("day");
        if (!interval.equals("hour") && !interval.equals("day")) {
            throw invalid("interval is hour or day, not " + interval);
        }
        ChronoUnit unit = interval.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Range range = range(params, unit == ChronoUnit.HOURS ? MAX_HOURLY_RANGE : MAX_DAILY_RANGE);
        Optional<String> measure = text(params, "distinct");
        if (measure.isPresent()) {
            if (!measure.get().equals("senders") || unit != ChronoUnit.DAYS) {
                throw invalid("distinct=senders counts per day (interval=day)");
            }
            Map<Instant, Long> perDay = store.distinctSendersByDay(name, range.from, range.to);
            return body(range, zeroFilled(range, unit, perDay));
        }
        Map<String, String> filter = EventInput.filter(json(params.get("dimensions"))).orElse(Map.of());
        Optional<String> groupBy = text(params, "groupBy");
        List<EventStore.HourCount> hours = store.hours(name, range.from, range.to, filter);
        if (groupBy.isEmpty()) {
            Map<Instant, Long> counts = new TreeMap<>();
            hours.forEach(h -> counts.merge(h.hour().truncatedTo(unit), h.count(), Long::sum));
            return body(range, zeroFilled(range, unit, counts));
        }
        Map<Instant, Map<String, Long>> grouped = new TreeMap<>();
        for (EventStore.HourCount h : hours) {
            String value = h.dimensions().get(groupBy.get());
            grouped.computeIfAbsent(h.hour().truncatedTo(unit), t -> new TreeMap<>())
                .merge(value == null ? "" : value, h.count(), Long::sum);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        grouped.forEach((time, values) -> values.forEach((value, count) -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("time", time.toString());
            point.put("value", value);
            point.put("count", count);
            results.add(point);
        }));
        return body(range, results);
    }

    /** What the intake did so far: stored, refused for a full queue, waiting. */
    public EventIngest.Counts counts() {
        return ingest.counts();
    }

    @Override
    public void close() {
        ingest.close();
    }

    private record Range(Instant from, Instant to) {
    }

    private Range range(Map<String, Object> params, Duration max) {
        Instant to = text(params, "to").map(v -> instant("to", v)).orElse(clock.instant());
        Instant from = text(params, "from").map(v -> instant("from", v)).orElse(to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw invalid("from must be before to");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw invalid("a range of at most " + max.toDays() + " days at this interval");
        }
        return new Range(from, to);
    }

    private static List<Map<String, Object>> zeroFilled(Range range, ChronoUnit unit, Map<Instant, Long> counts) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Instant t = range.from.truncatedTo(unit); t.isBefore(range.to); t = t.plus(1, unit)) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("time", t.toString());
            point.put("count", counts.getOrDefault(t, 0L));
            results.add(point);
        }
        return results;
    }

    private static Map<String, Object> body(Range range, List<Map<String, Object>> results) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", range.from.toString());
        body.put("to", range.to.toString());
        body.put("results", results);
        return body;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " is not an ISO 8601 date: " + value);
        }
    }

    private static Optional<String> text(Map<String, Object> params, String name) {
        Object value = params.get(name);
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** A query parameter holding JSON arrives as text; a body's as a value. */
    private static Object json(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "dimensions is not JSON: " + e.getOriginalMessage());
        }
    }

    private static ParseException invalid(String message) {
        return new ParseException(ParseErrorCode.INVALID_QUERY, message);
    }
}
