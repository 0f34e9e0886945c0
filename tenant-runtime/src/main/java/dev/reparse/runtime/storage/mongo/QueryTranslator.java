package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * A Parse REST {@code where} to a Mongo filter over Parse Server's layout. Only the operators Parse
 * defines are accepted; anything else that starts with {@code $} ({@code $where}, {@code $expr},
 * {@code $function}, ...) is refused with 102 before it can reach the server.
 */
final class QueryTranslator {
    private static final Set<String> PERMISSION_OPERATORS = Set.of("$in", "$nin", "$all", "$exists", "$eq", "$ne");

    private final ClassSchema schema;
    private final Instant now;
    private final boolean forCount;

    /**
     * @param forCount whether the filter is for a count, which cannot sort by distance
     */
    QueryTranslator(ClassSchema schema, Instant now, boolean forCount) {
        this.schema = schema;
        this.now = now;
        this.forCount = forCount;
    }

    Document translate(Map<String, Object> where) {
        Document filter = new Document();
        if (where != null) {
            where.forEach((key, value) -> translateKey(key, value, filter));
        }
        return filter;
    }

    private void translateKey(String key, Object value, Document filter) {
        switch (key) {
            case "$or", "$and", "$nor" -> merge(filter, key, subQueries(key, value));
            case "_rperm", "_wperm" -> merge(filter, key, permissions(value));
            default -> {
                if (key.startsWith("$")) {
                    throw ParseException.invalidQuery("Invalid key name: " + key);
                }
                translateField(key, value, filter);
            }
        }
    }

    private List<Object> subQueries(String operator, Object value) {
        if (!(value instanceof List<?> queries) || queries.isEmpty()) {
            throw ParseException.invalidQuery("Bad " + operator + " format - use an array of at least 1 value");
        }
        List<Object> translated = new ArrayList<>(queries.size());
        for (Object query : queries) {
            if (!(query instanceof Map<?, ?> subQuery)) {
                throw ParseException.invalidQuery("Bad " + operator + " format - use an array of objects");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) subQuery;
            translated.add(translate(typed));
        }
        return translated;
    }

    /** {@code _rperm}/{@code _wperm} hold plain strings (and a null for "no ACL"), compared as given. */
    private static Object permissions(Object value) {
        if (value instanceof Map<?, ?> constraint) {
            for (Object operator : constraint.keySet()) {
                if (!PERMISSION_OPERATORS.contains(String.valueOf(operator))) {
                    throw ParseException.invalidQuery("bad constraint on permissions: " + operator);
                }
            }
        }
        return RestToBson.plain(value);
    }

    private void translateField(String restKey, Object value, Document filter) {
        FieldRef field = FieldRef.resolve(schema, restKey, value);
        if (value instanceof Map<?, ?> map && hasOperator(map)) {
            translateConstraint(field, map, filter);
        } else {
            merge(filter, field.mongoKey(), equality(field, value));
        }
    }

    private void translateConstraint(FieldRef field, Map<?, ?> constraint, Document filter) {
        for (Object key : constraint.keySet()) {
            if (!String.valueOf(key).startsWith("$")) {
                throw ParseException.invalidQuery("cannot mix operators and fields in a constraint: " + key);
            }
        }
        Document mongo = new ConstraintTranslator(field, now, forCount).translate(constraint);
        Object text = mongo.remove("$text");
        if (text != null) {
            merge(filter, "$text", text);
        }
        Object containedBy = mongo.remove("$elemMatch");
        if (containedBy != null) {
            // "every element is in the list" is "no element is outside it"
            merge(filter, "$nor", List.of(new Document(field.mongoKey(), new Document("$elemMatch", containedBy))));
        }
        if (!mongo.isEmpty()) {
            merge(filter, field.mongoKey(), mongo);
        }
    }

    /** Plain equality; on an Array field a single value means "contains", as Parse Server's {@code $all} does. */
    private static Object equality(FieldRef field, Object value) {
        if (field.isArray() && !(value instanceof List<?>)) {
            return new Document("$all", List.of(ConstraintTranslator.queryInterior(value)));
        }
        if (field.isDate() && value instanceof String) {
            return RestToBson.dateOrIso(value);
        }
        if (field.dotted() || field.isArray()) {
            return ConstraintTranslator.queryInterior(value);
        }
        Object atom = RestToBson.topLevelAtom(value, field.type());
        return atom == RestToBson.NOT_ATOM ? ConstraintTranslator.queryInterior(value) : atom;
    }

    private static boolean hasOperator(Map<?, ?> map) {
        return map.keySet().stream().anyMatch(key -> String.valueOf(key).startsWith("$"));
    }

    /** Adds a condition; one on a key already constrained is ANDed rather than overwriting it. */
    @SuppressWarnings("unchecked")
    static void merge(Document filter, String key, Object condition) {
        if (!filter.containsKey(key)) {
            filter.put(key, condition instanceof List<?> list ? new ArrayList<>(list) : condition);
            return;
        }
        switch (key) {
            case "$text" -> throw ParseException.invalidQuery("only one $text constraint is allowed");
            case "$and", "$nor" -> ((List<Object>) filter.get(key)).addAll((List<Object>) condition);
            default -> {
                List<Object> and = (List<Object>) filter.computeIfAbsent("$and", ignored -> new ArrayList<>());
                and.add(new Document(key, condition));
            }
        }
    }
}
