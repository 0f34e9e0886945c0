package dev.reparse.runtime.core;

import dev.reparse.protocol.ParsePointers;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a client's {@code where} into one the store can run: checks its keys and depth, runs
 * {@code $inQuery}/{@code $notInQuery}/{@code $select}/{@code $dontSelect} subqueries and turns
 * {@code $relatedTo} and relation-field constraints into {@code objectId} sets.
 */
final class WhereResolver {
    private static final Pattern FIELD_PATH = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$");
    private static final Set<String> LOGICAL = Set.of("$or", "$and", "$nor");
    private static final Set<String> ACL_KEYS = Set.of("_rperm", "_wperm");

    /** Runs subqueries for the resolver, with the caller's read rules. */
    interface SubqueryRunner {
        /** The objects the caller may read; 119 when {@code probed} names a field it may not query. */
        List<Map<String, Object>> find(Auth auth, String className, FindRequest request, int depth, Set<String> probed);

        /** Whether the caller may read the object, and query the field of it. */
        boolean readable(Auth auth, String className, String objectId, String field, int depth);
    }

    private final AppContext app;
    private final SubqueryRunner subqueries;

    WhereResolver(AppContext app, SubqueryRunner subqueries) {
        this.app = app;
        this.subqueries = subqueries;
    }

    Map<String, Object> resolve(Auth auth, ClassSchema schema, Map<String, Object> where, int depth) {
        if (depth > app.settings().limits().maxQueryDepth()) {
            throw ParseException.invalidQuery("Query nesting is too deep; at most "
                    + app.settings().limits().maxQueryDepth() + " levels are allowed");
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (LOGICAL.contains(key)) {
                resolved.put(key, resolveLogical(auth, schema, key, value, depth));
            } else if (key.equals("$relatedTo")) {
                restrictObjectIds(resolved, relatedIds(auth, value, depth));
            } else {
                checkFieldKey(auth, key);
                resolved.put(key, resolveConstraint(auth, value, depth));
            }
        }
        return reduceRelationFields(schema, resolved);
    }

    private List<Object> resolveLogical(Auth auth, ClassSchema schema, String key, Object value, int depth) {
        if (!(value instanceof List<?> clauses) || clauses.isEmpty()) {
            throw ParseException.invalidQuery("Bad " + key + " format - use an array value.");
        }
        List<Object> resolved = new ArrayList<>();
        for (Object clause : clauses) {
            if (!(clause instanceof Map<?, ?> map)) {
                throw ParseException.invalidQuery("Bad " + key + " format - use an array of objects.");
            }
            resolved.add(resolve(auth, schema, cast(map), depth + 1));
        }
        return resolved;
    }

    private static void checkFieldKey(Auth auth, String key) {
        if (ACL_KEYS.contains(key) && auth.master()) {
            return;
        }
        if (key.equals("ACL")) {
            throw ParseException.invalidQuery("Cannot query on ACL.");
        }
        if (!FIELD_PATH.matcher(key).matches()) {
            throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: " + key);
        }
        for (String segment : key.split("\\.")) {
            if (InputRules.isForbiddenKey(segment)) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
    }

    private Object resolveConstraint(Auth auth, Object value, int depth) {
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        Map<String, Object> constraint = cast(raw);
        if (constraint.containsKey("__type")) {
            return constraint;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> op : constraint.entrySet()) {
            String name = op.getKey();
            if (InputRules.isForbiddenKey(name)) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: " + name);
            }
            app.settings().limits().query().checkOperator(name, op.getValue());
            switch (name) {
                case "$inQuery" -> merge(resolved, "$in", pointersOf(auth, op.getValue(), depth));
                case "$notInQuery" -> merge(resolved, "$nin", pointersOf(auth, op.getValue(), depth));
                case "$select" -> merge(resolved, "$in", selectedValues(auth, op.getValue(), depth));
                case "$dontSelect" -> merge(resolved, "$nin", selectedValues(auth, op.getValue(), depth));
                default -> resolved.put(name, op.getValue());
            }
        }
        return resolved;
    }

    private List<Object> pointersOf(Auth auth, Object value, int depth) {
        Map<String, Object> subquery = subqueryOf(value, "$inQuery");
        String className = stringOf(subquery.get("className"), "$inQuery needs a className");
        FindRequest request = subRequest(subquery);
        List<Object> pointers = new ArrayList<>();
        for (Map<String, Object> object : subqueries.find(auth, className, request, depth + 1, Set.of())) {
            pointers.add(ParsePointers.of(className, String.valueOf(object.get("objectId"))));
        }
        return pointers;
    }

    private List<Object> selectedValues(Auth auth, Object value, int depth) {
        Map<String, Object> select = subqueryOf(value, "$select");
        String key = stringOf(select.get("key"), "improper usage of $select");
        Map<String, Object> query = subqueryOf(select.get("query"), "$select");
        String className = stringOf(query.get("className"), "improper usage of $select");
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> object : subqueries.find(auth, className, subRequest(query), depth + 1,
                Set.of(key))) {
            Object selected = valueAt(object, key);
            if (selected != null) {
                values.add(selected);
            }
        }
        return values;
    }

    private static FindRequest subRequest(Map<String, Object> subquery) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("where", subquery.getOrDefault("where", Map.of()));
        for (String option : List.of("limit", "skip", "order")) {
            if (subquery.containsKey(option)) {
                params.put(option, subquery.get(option));
            }
        }
        FindRequest request = FindRequest.fromParams(params);
        return request.limit() < 0
                ? new FindRequest(request.where(), Integer.MAX_VALUE, request.skip(), request.order(), null,
                        Set.of(), Set.of(), false, null)
                : request;
    }

    /**
     * The ids related to an owner object through its relation field; none when the caller may not
     * read the owner or query that field of it (stricter than Parse Server, which lists the related
     * ids of any object, readable or not).
     */
    private List<String> relatedIds(Auth auth, Object value, int depth) {
        Map<String, Object> relatedTo = subqueryOf(value, "$relatedTo");
        Map<String, Object> owner = subqueryOf(relatedTo.get("object"), "$relatedTo");
        String key = stringOf(relatedTo.get("key"), "improper usage of $relatedTo");
        String ownerClass = stringOf(owner.get("className"), "improper usage of $relatedTo");
        if (!(owner.get("objectId") instanceof String ownerId) || ownerId.isEmpty()) {
            return List.of(); // an unsaved owner relates to nothing, as Parse Server answers
        }
        if (!subqueries.readable(auth, ownerClass, ownerId, key, depth + 1)) {
            return List.of();
        }
        return app.storage().relatedIds(key, ownerClass, List.of(ownerId));
    }

    /** A constraint on a relation field names related objects: find their owners through the join. */
    private Map<String, Object> reduceRelationFields(ClassSchema schema, Map<String, Object> where) {
        if (schema == null) {
            return where;
        }
        Map<String, Object> reduced = new LinkedHashMap<>(where);
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            FieldType type = schema.fields().get(entry.getKey());
            if (type == null || !type.isRelation()) {
                continue;
            }
            List<String> relatedIds = relatedIdsIn(entry.getValue());
            reduced.remove(entry.getKey());
            restrictObjectIds(reduced, app.storage().owningIds(entry.getKey(), schema.className(), relatedIds));
        }
        return reduced;
    }

    private static List<String> relatedIdsIn(Object constraint) {
        List<String> ids = new ArrayList<>();
        if (constraint instanceof Map<?, ?> map && "Pointer".equals(map.get("__type"))) {
            ids.add(String.valueOf(map.get("objectId")));
        } else if (constraint instanceof Map<?, ?> map && map.get("$in") instanceof List<?> in) {
            for (Object item : in) {
                if (item instanceof Map<?, ?> pointer) {
                    ids.add(String.valueOf(pointer.get("objectId")));
                }
            }
        } else {
            throw ParseException.invalidQuery("a relation field can only be queried with a pointer or $in pointers");
        }
        return ids;
    }

    /** Narrows {@code objectId} to the given ids, keeping whatever else constrains it. */
    private static void restrictObjectIds(Map<String, Object> where, List<String> ids) {
        Object existing = where.get("objectId");
        Set<String> allowed = new LinkedHashSet<>(ids);
        Map<String, Object> constraint = new LinkedHashMap<>();
        if (existing instanceof String id) {
            allowed.retainAll(Set.of(id));
        } else if (existing instanceof Map<?, ?> map) {
            constraint.putAll(cast(map));
            if (constraint.get("$eq") instanceof String id) {
                allowed.retainAll(Set.of(id));
                constraint.remove("$eq");
            }
            if (constraint.get("$in") instanceof List<?> in) {
                allowed.retainAll(new LinkedHashSet<>(in));
            }
        }
        constraint.put("$in", new ArrayList<>(allowed));
        where.put("objectId", constraint);
    }

    private static void merge(Map<String, Object> constraint, String op, List<Object> values) {
        if (constraint.get(op) instanceof List<?> existing) {
            List<Object> merged = new ArrayList<>(existing);
            merged.addAll(values);
            constraint.put(op, merged);
        } else {
            constraint.put(op, values);
        }
    }

    /** The value at a dot path of a REST object. */
    static Object valueAt(Map<String, Object> object, String path) {
        Object current = object;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    private static Map<String, Object> subqueryOf(Object value, String operator) {
        if (value instanceof Map<?, ?> map) {
            return cast(map);
        }
        throw ParseException.invalidQuery("improper usage of " + operator);
    }

    private static String stringOf(Object value, String message) {
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        throw ParseException.invalidQuery(message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
