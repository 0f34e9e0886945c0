package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.QueryBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A where clause to a {@link Condition}, checking its keys as a REST find checks them. */
final class WhereCompiler {
    private static final Pattern FIELD_PATH = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$");
    private static final Set<String> FORBIDDEN_SEGMENTS = Set.of("constructor", "prototype");
    /** Deeper {@code $or}/{@code $and}/{@code $nor} nesting than a REST find's default allows is refused. */
    static final int MAX_DEPTH = 10;

    private final ConstraintCompiler constraints;

    WhereCompiler(QueryBounds bounds) {
        this.constraints = new ConstraintCompiler(bounds);
    }

    Condition compile(Map<String, Object> where, int depth) {
        if (depth > MAX_DEPTH) {
            throw ParseException.invalidQuery("Query nesting is too deep; at most " + MAX_DEPTH + " levels are allowed");
        }
        List<Condition> conditions = new ArrayList<>(where.size());
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            String key = entry.getKey();
            switch (key) {
                case "$or" -> conditions.add(Condition.any(clauses(key, entry.getValue(), depth)));
                case "$and" -> conditions.add(Condition.all(clauses(key, entry.getValue(), depth)));
                case "$nor" -> conditions.add(Condition.none(clauses(key, entry.getValue(), depth)));
                default -> conditions.add(field(key, entry.getValue()));
            }
        }
        return conditions.size() == 1 ? conditions.getFirst() : Condition.all(List.copyOf(conditions));
    }

    private List<Condition> clauses(String operator, Object value, int depth) {
        if (!(value instanceof List<?> clauses) || clauses.isEmpty()) {
            throw ParseException.invalidQuery("Bad " + operator + " format - use an array value.");
        }
        List<Condition> out = new ArrayList<>(clauses.size());
        for (Object clause : clauses) {
            if (!(clause instanceof Map<?, ?> map)) {
                throw ParseException.invalidQuery("Bad " + operator + " format - use an array of objects.");
            }
            out.add(compile(cast(map), depth + 1));
        }
        return List.copyOf(out);
    }

    private Condition field(String key, Object value) {
        checkKey(key);
        FieldPath path = new FieldPath(key);
        List<FieldTest> tests = value instanceof Map<?, ?> map && hasOperator(map)
                ? constraints.compile(cast(map))
                : List.of(ConstraintCompiler.equality(value));
        return (object, now) -> {
            List<FieldPath.Candidate> candidates = path.resolve(object);
            for (FieldTest test : tests) {
                if (!test.test(candidates, now)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static void checkKey(String key) {
        if (key.startsWith("$")) {
            if (ConstraintCompiler.NEEDS_DATABASE.contains(key)) {
                throw QueryMatcher.needsDatabase(key);
            }
            throw ParseException.invalidQuery("Invalid key name: " + key);
        }
        if (key.equals("ACL")) {
            throw ParseException.invalidQuery("Cannot query on ACL.");
        }
        if (!FIELD_PATH.matcher(key).matches()) {
            throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: " + key);
        }
        for (String segment : key.split("\\.")) {
            if (FORBIDDEN_SEGMENTS.contains(segment)) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
    }

    private static boolean hasOperator(Map<?, ?> map) {
        return !map.containsKey("__type") && map.keySet().stream().anyMatch(key -> String.valueOf(key).startsWith("$"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
