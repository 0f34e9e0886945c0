package dev.reparse.runtime.files;

import java.util.Optional;

/**
 * One byte range of a file, from an HTTP {@code Range} header, clamped to the file.
 *
 * @param start the first byte
 * @param end the last byte, inclusive
 */
public record ByteRange(long start, long end) {

    /** What a {@code Range} header asks of a file of some length. */
    public sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    /** No (usable) range: send the whole file, 200. */
    public record Whole() implements Request {
    }

    /** 206 with this range. */
    public record Partial(ByteRange range) implements Request {
    }

    /** 416: the range starts past the end. */
    public record Unsatisfiable() implements Request {
    }

    public long length() {
        return end - start + 1;
    }

    /**
     * Reads {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}. Several ranges, other units
     * and malformed headers are ignored (the whole file is sent), as RFC 9110 allows.
     */
    public static Request parse(String header, long fileLength) {
        Optional<long[]> bounds = bounds(header);
        if (bounds.isEmpty()) {
            return new Whole();
        }
        long first = bounds.get()[0];
        long last = bounds.get()[1];
        if (first < 0) {
            // a suffix: the last n bytes
            if (last == 0 || fileLength == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, fileLength - last), fileLength - 1));
        }
        if (first >= fileLength) {
            return new Unsatisfiable();
        }
        long end = last < 0 ? fileLength - 1 : Math.min(last, fileLength - 1);
        return new Partial(new ByteRange(first, end));
    }

    /** {first, last} with -1 for a missing side; empty when the header is not one usable range. */
    private static Optional<long[]> bounds(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Optional.empty();
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return Optional.empty();
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            if (from.isEmpty() && to.isEmpty()) {
                return Optional.empty();
            }
            long first = from.isEmpty() ? -1 : parseDigits(from);
            long last = to.isEmpty() ? -1 : parseDigits(to);
            if (first >= 0 && last >= 0 && last < first) {
                return Optional.empty();
            }
            return Optional.of(new long[] {first, last});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long parseDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                throw new NumberFormatException(text);
            }
        }
        return Long.parseLong(text);
    }
}
