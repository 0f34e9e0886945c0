package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.BsonRegularExpression;
import org.bson.Document;

/**
 * One field's constraint map ({@code {"$gt": 3, "$lt": 9}}) to its Mongo form. The result may hold
 * two keys the caller lifts out of the field: {@code $text} (a top-level Mongo operator) and
 * {@code $elemMatch} (from {@code $containedBy}, which Parse Server negates under {@code $nor}).
 */
final class ConstraintTranslator {
    private static final Set<String> COMPARISONS = Set.of("$lt", "$lte", "$gt", "$gte", "$ne", "$eq");
    private static final Pattern REGEX_OPTIONS = Pattern.compile("^[imxs]*$");
    private static final Pattern STARTS_WITH_REGEX = Pattern.compile("^\\^\\\\Q.*\\\\E$", Pattern.DOTALL);

    private final FieldRef field;
    private final Instant now;
    private final boolean forCount;

    ConstraintTranslator(FieldRef field, Instant now, boolean forCount) {
        this.field = field;
        this.now = now;
        this.forCount = forCount;
    }

    Document translate(Map<?, ?> constraint) {
        Document answer = new Document();
        for (Map.Entry<?, ?> entry : constraint.entrySet()) {
            String operator = String.valueOf(entry.getKey());
            Object operand = entry.getValue();
            if (COMPARISONS.contains(operator)) {
                answer.put(operator, comparison(operator, operand));
            } else if (GeoConstraints.OPERATORS.contains(operator)) {
                continue; // all geo operators are translated together below
            } else {
                translateOther(operator, operand, constraint, answer);
            }
        }
        GeoConstraints.translate(constraint, forCount, answer);
        return answer;
    }

    private void translateOther(String operator, Object operand, Map<?, ?> constraint, Document answer) {
        switch (operator) {
            case "$exists" -> answer.put(operator, bool(operator, operand));
            case "$in", "$nin" -> answer.put(operator, list(operator, operand, true).stream().map(this::operand).toList());
            case "$all" -> answer.put(operator, all(operand));
            case "$containedBy" -> answer.put("$elemMatch",
                    new Document("$nin", list(operator, operand, false).stream().map(this::operand).toList()));
            case "$regex" -> answer.put(operator, regex(operand));
            case "$options" -> {
                if (!constraint.containsKey("$regex")) {
                    throw ParseException.invalidQuery("$options needs $regex");
                }
                answer.put(operator, regexOptions(operand));
            }
            case "$text" -> answer.put(operator, TextSearch.translate(operand));
            case "$select", "$dontSelect", "$inQuery", "$notInQuery", "$relatedTo" ->
                    throw ParseException.invalidQuery("the " + operator + " constraint must be resolved before storage");
            default -> throw ParseException.invalidQuery("bad constraint: " + operator);
        }
    }

    private Object comparison(String operator, Object operand) {
        if (operand instanceof Map<?, ?> map && map.containsKey("$relativeTime")) {
            return relativeTime(operator, map.get("$relativeTime"));
        }
        return operand(operand);
    }

    private Date relativeTime(String operator, Object text) {
        if (field.type() != null && !field.isDate()) {
            throw ParseException.invalidQuery("$relativeTime can only be used with Date field");
        }
        if (operator.equals("$ne") || operator.equals("$eq")) {
            throw ParseException.invalidQuery(
                    "$relativeTime can only be used with the $lt, $lte, $gt, and $gte operators");
        }
        if (!(text instanceof String relative)) {
            throw ParseException.invalidQuery("bad $relativeTime value; should be a string");
        }
        return Date.from(RelativeTime.resolve(relative, now));
    }

    /** One operand encoded like the stored value it is compared with. */
    private Object operand(Object value) {
        if (field.isDate() && value instanceof String) {
            return RestToBson.dateOrIso(value);
        }
        if (field.isArray() || field.dotted()) {
            return queryInterior(value);
        }
        Object atom = RestToBson.topLevelAtom(value, field.type());
        if (atom == RestToBson.NOT_ATOM) {
            throw ParseException.invalidQuery("bad atom: " + value);
        }
        return atom;
    }

    /** An interior atom for comparison: as stored inside objects, with {@code {"$regex"}} allowed for {@code $all}. */
    static Object queryInterior(Object value) {
        if (value instanceof Map<?, ?> map && map.get("$regex") instanceof String pattern) {
            return new BsonRegularExpression(pattern);
        }
        Object atom = RestToBson.interiorAtom(value);
        return atom == RestToBson.NOT_ATOM ? RestToBson.plain(value) : atom;
    }

    private List<Object> all(Object operand) {
        List<Object> values = list("$all", operand, false).stream().map(ConstraintTranslator::queryInterior).toList();
        long startsWith = values.stream().filter(ConstraintTranslator::isStartsWithRegex).count();
        boolean anyRegex = values.stream().anyMatch(value -> value instanceof BsonRegularExpression);
        if (anyRegex && startsWith != values.size()) {
            throw ParseException.invalidQuery("All $all values must be of regex type or none: " + operand);
        }
        return values;
    }

    private static boolean isStartsWithRegex(Object value) {
        return value instanceof BsonRegularExpression regex && STARTS_WITH_REGEX.matcher(regex.getPattern()).matches();
    }

    /** A list operand; Parse Server flattens nested arrays inside {@code $in}/{@code $nin}. */
    private static List<Object> list(String operator, Object operand, boolean flatten) {
        if (!(operand instanceof List<?> values)) {
            throw ParseException.invalidQuery("bad " + operator + " value");
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

    private static boolean bool(String operator, Object operand) {
        if (!(operand instanceof Boolean value)) {
            throw ParseException.invalidQuery("bad " + operator + " value; should be a boolean");
        }
        return value;
    }

    private static String regex(Object operand) {
        if (!(operand instanceof String pattern)) {
            throw ParseException.invalidQuery("bad regex: " + operand);
        }
        return pattern;
    }

    private static String regexOptions(Object operand) {
        if (!(operand instanceof String options) || !REGEX_OPTIONS.matcher(options).matches()) {
            throw ParseException.invalidQuery("bad $options value for query: " + operand);
        }
        return options;
    }
}
