package dev.reparse.provisioning;

import java.util.Locale;
import java.util.Optional;

/**
 * Which lines of an app's request log to read: at least this level ({@code error}: refused and failed requests only;
 * {@code info}: every request), containing this text (case-insensitive, in method, path, status, code or error), at
 * most {@code limit} of them, newest first.
 */
public record LogQuery(String level, Optional<String> text, int limit) {
    /** The most lines one query answers. */
    public static final int MAX_LIMIT = 1000;
    /** Lines answered when the query names no limit. */
    public static final int DEFAULT_LIMIT = 100;

    public LogQuery {
        if (!level.equals("info") && !level.equals("error")) {
            throw new IllegalArgumentException("level must be info or error, not " + level);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        text = text.map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.toLowerCase(Locale.ROOT));
    }

    /** From a request's parameters, each optional; throws {@link IllegalArgumentException} naming the bad one. */
    public static LogQuery of(String level, String text, Integer limit) {
        String lvl = level == null || level.isBlank() ? "info" : level.strip().toLowerCase(Locale.ROOT);
        return new LogQuery(lvl, Optional.ofNullable(text), limit == null ? DEFAULT_LIMIT : limit);
    }

    /** Whether the line is one the query asks for. */
    public boolean matches(RequestLogEntry line) {
        if (level.equals("error") && !line.level().equals("error")) {
            return false;
        }
        return text.map(t -> line.searchText().contains(t)).orElse(true);
    }
}
