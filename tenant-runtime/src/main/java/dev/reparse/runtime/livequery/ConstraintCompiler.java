package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.QueryBounds;
import dev.reparse.runtime.livequery.FieldPath.Candidate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One field's constraint ({@code {"$gt": 3, "$lt": 9}}) to the tests that decide it, refusing bad
 * operands with the codes a REST find gives them and the operators that need the database with 102.
 */
final class ConstraintCompiler {
    /** Operators that need other objects (subqueries, relations) or the text index. */
    static final Set<String> NEEDS_DATABASE = Set.of("$inQuery", "$notInQuery", "$select", "$dontSelect", "$relatedTo",
            "$text");
    private static final Pattern STARTS_WITH_REGEX = Pattern.compile("^\\^\\\\Q.*\\\\E$", Pattern.DOTALL);

    private final QueryBounds bounds;

    ConstraintCompiler(QueryBounds bounds) {
        this.bounds = bounds;
    }

    /** Every operator's test; the field matches when all pass. */
    List<FieldTest> compile(Map<String, Object> constraint) {
        List<FieldTest> tests = new ArrayList<>();
        for (Map.Entry<String, Object> entry : constraint.entrySet()) {
            String operator = entry.getKey();
            Object operand = entry.getValue();
            if (!operator.startsWith("$")) {
                throw ParseException.invalidQuery("cannot mix operators and fields in a constraint: " + operator);
            }
            if (NEEDS_DATABASE.contains(operator)) {
                throw QueryMatcher.needsDatabase(operator);
            }
            bounds.checkOperator(operator, operand);
            FieldTest test = compileOperator(operator, operand, constraint);
            if (test != null) {
                tests.add(test);
            }
        }
        for (Predicate<Object> geo : GeoMatch.compile(constraint)) {
            tests.add(FieldTest.topLevel(geo));
        }
        return tests;
    }

    /** The operator's test, or null for a modifier another operator reads ({@code $options}, geo operands). */
    private FieldTest compileOperator(String operator, Object operand, Map<String, Object> constraint) {
        return switch (operator) {
            case "$eq" -> equality(plainOperand(operator, operand));
            case "$ne" -> equality(plainOperand(operator, operand)).negate();
            case "$lt" -> comparison(operand, c -> c < 0, false);
            case "$lte" -> comparison(operand, c -> c <= 0, true);
            case "$gt" -> comparison(operand, c -> c > 0, false);
            case "$gte" -> comparison(operand, c -> c >= 0, true);
            case "$in" -> in(list(operator, operand, true));
            case "$nin" -> in(list(operator, operand, true)).negate();
            case "$all" -> all(list(operator, operand, false));
            case "$containedBy" -> containedBy(list(operator, operand, false));
            case "$exists" -> exists(operand);
            case "$regex" -> regex(LiveRegex.compile(operand, constraint.get("$options"), bounds));
            case "$options" -> {
                if (!constraint.containsKey("$regex")) {
                    throw ParseException.invalidJson("$options needs $regex");
                }
                yield null;
            }
            default -> {
                if (GeoMatch.OPERATORS.contains(operator)) {
                    yield null;
                }
                throw QueryMatcher.unknownOperator(operator);
            }
        };
    }

    /** Implicit equality and {@code $eq}: Mongo's, with a null operand also matching a missing field. */
    static FieldTest equality(Object rawOperand) {
        if (rawOperand == null) {
            return FieldTest.any((value, topLevel, now) -> LiveValues.isNull(value));
        }
        Object operand = LiveValues.operand(rawOperand);
        return FieldTest.any((value, topLevel, now) -> LiveValues.equal(value, operand, topLevel));
    }

    private static Object plainOperand(String operator, Object operand) {
        if (operand instanceof Map<?, ?> map && map.containsKey("$relativeTime")) {
            throw ParseException.invalidJson("$relativeTime can only be used with the $lt, $lte, $gt, and $gte operators");
        }
        return operand;
    }

    private static FieldTest comparison(Object rawOperand, IntPredicate accepts, boolean orEqual) {
        if (rawOperand == null) {
            return orEqual ? equality(null) : (candidates, now) -> false;
        }
        if (rawOperand instanceof Map<?, ?> map && map.containsKey("$relativeTime")) {
            Duration offset = RelativeOffset.of(map.get("$relativeTime"));
            return FieldTest.any((value, topLevel, now) -> accepts(value, now.plus(offset), topLevel, accepts));
        }
        Object operand = LiveValues.operand(rawOperand);
        return FieldTest.any((value, topLevel, now) -> accepts(value, operand, topLevel, accepts));
    }

    private static boolean accepts(Object value, Object operand, boolean topLevel, IntPredicate accepts) {
        Integer order = LiveValues.compare(value, operand, topLevel);
        return order != null && accepts.test(order);
    }

    /** {@code $in}: any value equal to any listed one; a listed {@code {$regex}} matches as a regex. */
    private FieldTest in(List<Object> values) {
        List<FieldTest> tests = new ArrayList<>(values.size());
        for (Object value : values) {
            tests.add(valueOrRegex(value));
        }
        return (candidates, now) -> {
            for (FieldTest test : tests) {
                if (test.test(candidates, now)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** {@code $all}: every listed value is (in) the field; all listed regexes must be {@code startsWith} ones. */
    private FieldTest all(List<Object> values) {
        long regexes = values.stream().filter(ConstraintCompiler::isRegex).count();
        long startsWith = values.stream().filter(value -> isRegex(value)
                && STARTS_WITH_REGEX.matcher(String.valueOf(((Map<?, ?>) value).get("$regex"))).matches()).count();
        if (regexes > 0 && startsWith != values.size()) {
            throw ParseException.invalidJson("All $all values must be of regex type or none: " + values);
        }
        if (values.isEmpty()) {
            return (candidates, now) -> false;
        }
        List<FieldTest> tests = values.stream().map(this::valueOrRegex).toList();
        return (candidates, now) -> {
            for (FieldTest test : tests) {
                if (!test.test(candidates, now)) {
                    return false;
                }
            }
            return true;
        };
    }

    private FieldTest valueOrRegex(Object value) {
        if (isRegex(value)) {
            Map<?, ?> map = (Map<?, ?>) value;
            return regex(LiveRegex.compile(map.get("$regex"), map.get("$options"), bounds));
        }
        return equality(value);
    }

    private static boolean isRegex(Object value) {
        return value instanceof Map<?, ?> map && map.get("$regex") instanceof String;
    }

    /**
     * {@code $containedBy}: no array the path reaches holds an element outside the list. As in a REST
     * find (which asks Mongo for "not any element outside the list"), a missing or non-array field matches.
     */
    private static FieldTest containedBy(List<Object> rawValues) {
        List<Object> values = rawValues.stream().map(LiveValues::operand).toList();
        return (candidates, now) -> {
            for (Candidate candidate : candidates) {
                if (candidate.value() instanceof List<?> elements) {
                    for (Object element : elements) {
                        if (!listed(element, values)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        };
    }

    private static boolean listed(Object element, List<Object> values) {
        for (Object value : values) {
            if (value == null ? element == null : LiveValues.equal(element, value, false)) {
                return true;
            }
            if (element instanceof List<?> nested && nested.stream().anyMatch(inner -> LiveValues.equal(inner, value, false))) {
                return true;
            }
        }
        return false;
    }

    private static FieldTest exists(Object operand) {
        if (!(operand instanceof Boolean wanted)) {
            throw ParseException.invalidJson("bad $exists value; should be a boolean");
        }
        FieldTest present = (candidates, now) -> candidates.stream().anyMatch(c -> c.value() != LiveValues.MISSING);
        return wanted ? present : present.negate();
    }

    private static FieldTest regex(LiveRegex regex) {
        return FieldTest.any((value, topLevel, now) -> {
            String text = LiveValues.storedString(value, topLevel);
            return text != null && regex.matches(text);
        });
    }

    /** A list operand; as in a REST find, nested arrays inside {@code $in}/{@code $nin} are flattened. */
    private static List<Object> list(String operator, Object operand, boolean flatten) {
        if (!(operand instanceof List<?> values)) {
            throw ParseException.invalidJson("bad " + operator + " value");
        }
        List<Object> out = new ArrayList<>();
        for (Object value : values) {
            if (flatten && value instanceof List<?> nested) {
                out.addAll(nested);
            } else {
                out.add(value);
            }
        }
        return out;
    }
}
