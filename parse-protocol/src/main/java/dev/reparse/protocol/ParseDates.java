package dev.reparse.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parse's date encodings: ISO-8601 strings with milliseconds, and {@code {"__type":"Date","iso":...}}. */
public final class ParseDates {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ParseDates() {
    }

    /** Formats as Parse does: always three fraction digits and a {@code Z}. */
    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String format(Date date) {
        return format(date.toInstant());
    }

    /** Parses an ISO-8601 date; a malformed one is Parse error 111 naming the value. */
    public static Instant parse(String iso) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException | NullPointerException e) {
            try {
                return java.time.OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException | NullPointerException e2) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "Invalid date: " + iso);
            }
        }
    }

    /** The {@code {"__type":"Date","iso":...}} form. */
    public static Map<String, Object> encode(Instant instant) {
        Map<String, Object> date = new LinkedHashMap<>();
        date.put("__type", "Date");
        date.put("iso", format(instant));
        return date;
    }
}
