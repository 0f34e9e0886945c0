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
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        // every stored and answered timestamp passes here: built by hand, not by DateTimeFormatter
        char[] out = new char[24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static String format(Date date) {
        return format(date.toInstant());
    }

    /** Parses an ISO-8601 date; a malformed one is Parse error 111 naming the value. */
    public static Instant parse(String iso) {
        Instant fast = parseCanonical(iso);
        if (fast != null) {
            return fast;
        }
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

    /** Parse's own {@code yyyy-MM-ddTHH:mm:ss.SSSZ} without a formatter, or null for any other shape. */
    private static Instant parseCanonical(String iso) {
        if (iso == null || iso.length() != 24 || iso.charAt(4) != '-' || iso.charAt(7) != '-' || iso.charAt(10) != 'T'
                || iso.charAt(13) != ':' || iso.charAt(16) != ':' || iso.charAt(19) != '.' || iso.charAt(23) != 'Z') {
            return null;
        }
        int year = number(iso, 0, 4);
        int month = number(iso, 5, 2);
        int day = number(iso, 8, 2);
        int hour = number(iso, 11, 2);
        int minute = number(iso, 14, 2);
        int second = number(iso, 17, 2);
        int millis = number(iso, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        try {
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The {@code {"__type":"Date","iso":...}} form. */
    public static Map<String, Object> encode(Instant instant) {
        Map<String, Object> date = new LinkedHashMap<>();
        date.put("__type", "Date");
        date.put("iso", format(instant));
        return date;
    }
}
