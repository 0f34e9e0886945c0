package dev.reparse.runtime.analytics;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code POST /events/<name>} as the SDKs send it ({@code {"dimensions": {...}, "at": date}}) into an event, with
 * parse.com's limits as errors rather than silent truncation: at most eight dimensions, strings only.
 */
public final class EventInput {
    /** parse.com stored at most eight dimension pairs per event. */
    public static final int MAX_DIMENSIONS = 8;
    static final int MAX_NAME = 128;
    static final int MAX_DIMENSION_TEXT = 256;
    /** How far from now an event's {@code at} may lie: SDKs queue events offline, but not for years. */
    static final Duration MAX_PAST = Duration.ofDays(30);
    static final Duration MAX_FUTURE = Duration.ofDays(1);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}/]{1," + MAX_NAME + "}");

    private EventInput() {
    }

    public static AnalyticsEvent read(String name, Map<String, Object> body, Auth auth, Instant now) {
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw invalid("an event name is 1 to " + MAX_NAME + " characters, without control characters or '/'");
        }
        Map<String, String> dimensions = dimensions(body.get("dimensions"));
        for (String key : body.keySet()) {
            if (!key.equals("dimensions") && !key.equals("at") && !key.startsWith("_")) {
                throw invalid("an event takes dimensions and at, not " + key);
            }
        }
        Instant at = at(body.get("at"), now);
        return new AnalyticsEvent(name, at, dimensions, auth.installationId(), auth.userId());
    }

    private static Map<String, String> dimensions(Object given) {
        if (given == null) {
            return Map.of();
        }
        if (!(given instanceof Map<?, ?> map)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "dimensions must be an object of strings");
        }
        if (map.size() > MAX_DIMENSIONS) {
            throw invalid("an event has at most " + MAX_DIMENSIONS + " dimensions, got " + map.size());
        }
        Map<String, String> dimensions = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof String value)) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "dimension " + key
                    + " must be a string (parse.com analytics take string dimensions only)");
            }
            if (key.isEmpty() || key.length() > MAX_DIMENSION_TEXT || value.length() > MAX_DIMENSION_TEXT
                    || key.startsWith("$") || key.contains(".")) {
                throw invalid("dimension names (no '$' first, no '.') and values are 1 to " + MAX_DIMENSION_TEXT
                    + " characters");
            }
            dimensions.put(key, value);
        }
        return dimensions;
    }

    private static Instant at(Object given, Instant now) {
        if (given == null) {
            return now;
        }
        String iso = given instanceof Map<?, ?> date && "Date".equals(date.get("__type")) ? String.valueOf(date.get("iso"))
            : given instanceof String text ? text : null;
        if (iso == null) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "at must be a date ({\"__type\":\"Date\",\"iso\":...})");
        }
        Instant at;
        try {
            at = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "at is not an ISO 8601 date: " + iso);
        }
        if (at.isBefore(now.minus(MAX_PAST)) || at.isAfter(now.plus(MAX_FUTURE))) {
            throw invalid("at must lie within the last " + MAX_PAST.toDays() + " days");
        }
        return at;
    }

    private static ParseException invalid(String message) {
        return new ParseException(ParseErrorCode.INVALID_JSON, message);
    }

    /** The dimension filter of a read: a JSON object of strings, or none. */
    static Optional<Map<String, String>> filter(Object given) {
        return given == null ? Optional.empty() : Optional.of(dimensions(given));
    }
}
