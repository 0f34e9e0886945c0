package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.QueryBounds;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code $regex} with its {@code $options}, checked by the same bounds a REST find applies and run
 * with a step budget: a pattern that slips past the shape check and backtracks for too long on one
 * value does not match it rather than stalling the thread that fans events out.
 */
final class LiveRegex {
    /**
     * Characters read from one value before the match is abandoned as not matching: enough for any
     * ordinary pattern to scan the value several times over, far too few for a polynomial blow-up.
     */
    static final long BASE_BUDGET = 1_000_000;
    static final long BUDGET_PER_CHAR = 16;

    private final Pattern pattern;

    private LiveRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    static LiveRegex compile(Object regex, Object options, QueryBounds bounds) {
        if (!(regex instanceof String source)) {
            throw ParseException.invalidJson("bad regex: " + regex);
        }
        if (options != null && !(options instanceof String text && text.matches("[imxs]*"))) {
            throw ParseException.invalidQuery("bad $options value for query: " + options);
        }
        bounds.checkOperator("$regex", source);
        try {
            return new LiveRegex(Pattern.compile(source, flags(options == null ? "" : (String) options)));
        } catch (PatternSyntaxException e) {
            throw ParseException.invalidQuery("invalid $regex " + source + ": " + e.getDescription());
        }
    }

    /** Mongo's PCRE options; PCRE ends lines at {@code \n} only and folds case in Unicode. */
    private static int flags(String options) {
        int flags = Pattern.UNIX_LINES;
        for (char option : options.toCharArray()) {
            flags |= switch (option) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 'x' -> Pattern.COMMENTS;
                default -> Pattern.DOTALL;
            };
        }
        return flags;
    }

    boolean matches(String value) {
        try {
            return pattern.matcher(new Budgeted(value)).find();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** The value, counting reads; the regex engine reads through {@link #charAt}. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        /** Reads left, shared with the subsequences the engine takes. */
        private final long[] steps;
        private final int offset;
        private final int length;

        Budgeted(String text) {
            this(text, new long[] {BASE_BUDGET + BUDGET_PER_CHAR * text.length()}, 0, text.length());
        }

        private Budgeted(String text, long[] steps, int offset, int length) {
            this.text = text;
            this.steps = steps;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public char charAt(int index) {
            if (--steps[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text, steps, offset + start, end - start);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }
    }
}
