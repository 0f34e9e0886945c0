package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parse's {@code $relativeTime} strings: {@code "in 2 days"}, {@code "3 hours ago"}, {@code "now"}. */
public final class RelativeTime {
    private RelativeTime() {
    }

    /** The instant the text names relative to {@code now}; 102 on anything Parse Server would refuse. */
    public static Instant resolve(String text, Instant now) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>(Arrays.stream(lower.split(" ")).filter(part -> !part.isEmpty()).toList());
        if (lower.equals("now")) {
            return now;
        }
        boolean future = !parts.isEmpty() && parts.getFirst().equals("in");
        boolean past = !parts.isEmpty() && parts.getLast().equals("ago");
        if (!future && !past) {
            throw bad("Time should either start with 'in' or end with 'ago'");
        }
        if (future && past) {
            throw bad("Time cannot have both 'in' and 'ago'");
        }
        List<String> amounts = future ? parts.subList(1, parts.size()) : parts.subList(0, parts.size() - 1);
        if (amounts.isEmpty() || amounts.size() % 2 != 0) {
            throw bad("Invalid time string. Dangling unit or number.");
        }
        long seconds = 0;
        for (int i = 0; i < amounts.size(); i += 2) {
            seconds = Math.addExact(seconds, Math.multiplyExact(integer(amounts.get(i)), unitSeconds(amounts.get(i + 1))));
        }
        return future ? now.plusSeconds(seconds) : now.minusSeconds(seconds);
    }

    private static long integer(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw bad("'" + number + "' is not an integer.");
        }
    }

    private static long unitSeconds(String unit) {
        return switch (unit) {
            case "yr", "yrs", "year", "years" -> 365L * 24 * 60 * 60;
            case "wk", "wks", "week", "weeks" -> 7L * 24 * 60 * 60;
            case "d", "day", "days" -> 24L * 60 * 60;
            case "hr", "hrs", "hour", "hours" -> 60L * 60;
            case "min", "mins", "minute", "minutes" -> 60L;
            case "sec", "secs", "second", "seconds" -> 1L;
            default -> throw bad("Invalid interval: '" + unit + "'");
        };
    }

    private static ParseException bad(String info) {
        return ParseException.invalidJson("bad $relativeTime value. " + info);
    }
}
