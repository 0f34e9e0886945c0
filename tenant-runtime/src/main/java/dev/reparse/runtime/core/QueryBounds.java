package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds on what one query may ask the database to do, so that one app's client cannot stall the
 * database it shares with other apps: regular expressions (length and known catastrophic shapes),
 * long {@code $in}-style lists and deep {@code skip}s. Parse Server has none of these; each refusal
 * is Parse error 102 with a message that names the setting.
 *
 * @param maxRegexLength the longest {@code $regex} pattern, in characters
 * @param rejectRiskyRegex whether patterns with catastrophic-backtracking shapes are refused (see {@link RegexSafety})
 * @param maxInValues the most values one {@code $in}, {@code $nin}, {@code $all} or {@code $containedBy} may list
 * @param maxSkip the largest {@code skip}
 */
public record QueryBounds(int maxRegexLength, boolean rejectRiskyRegex, int maxInValues, int maxSkip) {
    private static final List<String> LIST_OPERATORS = List.of("$in", "$nin", "$all", "$containedBy");

    public QueryBounds {
        if (maxRegexLength < 1 || maxInValues < 1 || maxSkip < 0) {
            throw new IllegalArgumentException("query bounds must be positive");
        }
    }

    /** Reparse's defaults: 1000-character regexes of safe shapes, 10000 list values, skip up to 100000. */
    public static QueryBounds defaults() {
        return new QueryBounds(1000, true, 10_000, 100_000);
    }

    /** Checks one operator of a field's constraint, as the client sent it. */
    public void checkOperator(String operator, Object operand) {
        if (operator.equals("$regex") && operand instanceof String pattern) {
            checkRegex(pattern);
        } else if (LIST_OPERATORS.contains(operator) && operand instanceof List<?> values) {
            if (values.size() > maxInValues) {
                throw ParseException.invalidQuery(operator + " lists " + values.size() + " values; at most "
                        + maxInValues + " are allowed (reparse.query.max-in-values)");
            }
            for (Object value : values) {
                if (value instanceof Map<?, ?> map && map.get("$regex") instanceof String pattern) {
                    checkRegex(pattern);
                }
            }
        }
    }

    void checkRegex(String pattern) {
        if (pattern.length() > maxRegexLength) {
            throw ParseException.invalidQuery("$regex is " + pattern.length() + " characters long; at most "
                    + maxRegexLength + " are allowed (reparse.query.max-regex-length)");
        }
        if (rejectRiskyRegex) {
            Optional<String> risk = RegexSafety.riskOf(pattern);
            if (risk.isPresent()) {
                throw ParseException.invalidQuery("$regex refused: it has " + risk.get()
                        + ", which can take the database minutes on a long string (reparse.query.reject-risky-regex)");
            }
        }
    }

    void checkSkip(int skip) {
        if (skip > maxSkip) {
            throw ParseException.invalidQuery("skip " + skip + " is too large; at most " + maxSkip
                    + " is allowed (reparse.query.max-skip); page with a where on a sorted field instead");
        }
    }
}
