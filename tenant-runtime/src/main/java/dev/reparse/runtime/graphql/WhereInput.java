package dev.reparse.runtime.graphql;

import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL {@code where} ({@code {score: {greaterThan: 10}, OR: [...]}}) as the REST API's
 * ({@code {"score": {"$gt": 10}, "$or": [...]}}), which the core then checks and runs exactly as a REST query's.
 */
final class WhereInput {
    private static final Map<String, String> COMPOUNDS = Map.of("OR", "$or", "AND", "$and", "NOR", "$nor");
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("equalTo", "$eq"),
            Map.entry("notEqualTo", "$ne"), Map.entry("lessThan", "$lt"), Map.entry("lessThanOrEqualTo", "$lte"),
            Map.entry("greaterThan", "$gt"), Map.entry("greaterThanOrEqualTo", "$gte"), Map.entry("in", "$in"),
            Map.entry("notIn", "$nin"), Map.entry("exists", "$exists"), Map.entry("inQueryKey", "$select"),
            Map.entry("notInQueryKey", "$dontSelect"), Map.entry("containedBy", "$containedBy"),
            Map.entry("contains", "$all"), Map.entry("matchesRegex", "$regex"), Map.entry("options", "$options"),
            Map.entry("text", "$text"), Map.entry("search", "$search"), Map.entry("term", "$term"),
            Map.entry("language", "$language"), Map.entry("caseSensitive", "$caseSensitive"),
            Map.entry("diacriticSensitive", "$diacriticSensitive"), Map.entry("nearSphere", "$nearSphere"),
            Map.entry("maxDistance", "$maxDistance"), Map.entry("maxDistanceInRadians", "$maxDistanceInRadians"),
            Map.entry("maxDistanceInMiles", "$maxDistanceInMiles"),
            Map.entry("maxDistanceInKilometers", "$maxDistanceInKilometers"), Map.entry("within", "$within"),
            Map.entry("box", "$box"), Map.entry("geoWithin", "$geoWithin"), Map.entry("polygon", "$polygon"),
            Map.entry("centerSphere", "$centerSphere"), Map.entry("geoIntersects", "$geoIntersects"),
            Map.entry("point", "$point"));

    private final Map<String, GraphQLClass> classes;

    WhereInput(Map<String, GraphQLClass> classes) {
        this.classes = classes;
    }

    /** The REST where of a class's GraphQL where; an absent where is an empty one. */
    Map<String, Object> toRest(String className, Map<String, Object> where) {
        Map<String, Object> rest = new LinkedHashMap<>();
        if (where == null) {
            return rest;
        }
        GraphQLClass type = classes.get(className);
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            String key = entry.getKey();
            if (entry.getValue() == null) {
                continue;
            }
            if (COMPOUNDS.containsKey(key)) {
                List<Object> parts = new ArrayList<>();
                for (Object part : (List<?>) entry.getValue()) {
                    parts.add(toRest(className, castMap(part)));
                }
                rest.put(COMPOUNDS.get(key), parts);
                continue;
            }
            String field = key.equals("id") ? "objectId" : key;
            FieldType fieldType = type == null ? null : type.fields().get(field);
            Map<String, Object> constraints = castMap(entry.getValue());
            if (field.equals("objectId")) {
                rest.put(field, operators(idsOf(className, constraints)));
            } else if (fieldType != null && (fieldType.type().equals("Pointer") || fieldType.type().equals("Relation"))) {
                rest.put(field, relational(fieldType, constraints));
            } else {
                fieldConstraints(rest, field, constraints);
            }
        }
        return rest;
    }

    /** A constraint on an object field ({@code {key, value}}) constrains its dotted sub-key. */
    private void fieldConstraints(Map<String, Object> rest, String field, Map<String, Object> constraints) {
        Map<String, Object> own = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : constraints.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            if (entry.getValue() instanceof Map<?, ?> keyValue && keyValue.containsKey("key") && keyValue.containsKey("value")
                    && keyValue.size() == 2) {
                String dotted = field + "." + keyValue.get("key");
                castMap(rest.computeIfAbsent(dotted, k -> new LinkedHashMap<String, Object>()))
                        .put(OPERATORS.get(entry.getKey()), keyValue.get("value"));
            } else {
                own.put(entry.getKey(), entry.getValue());
            }
        }
        if (!own.isEmpty()) {
            rest.put(field, operators(own));
        }
    }

    private Map<String, Object> relational(FieldType fieldType, Map<String, Object> constraints) {
        Map<String, Object> rest = new LinkedHashMap<>();
        String target = fieldType.targetClass();
        constraints.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            switch (name) {
                case "have" -> rest.put("$inQuery", subquery(target, toRest(target, castMap(value))));
                case "haveNot" -> rest.put("$notInQuery", subquery(target, toRest(target, castMap(value))));
                case "exists" -> {
                    if (fieldType.type().equals("Relation")) {
                        Map<String, Object> any = new LinkedHashMap<>(Map.of("objectId", Map.of("$exists", true)));
                        rest.put(Boolean.TRUE.equals(value) ? "$inQuery" : "$notInQuery", subquery(target, any));
                    } else {
                        rest.put("$exists", value);
                    }
                }
                default -> rest.put(OPERATORS.getOrDefault(name, name), value);
            }
        });
        return rest;
    }

    private static Map<String, Object> subquery(String className, Map<String, Object> where) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("where", where);
        query.put("className", className);
        return query;
    }

    /** Global ids in an id constraint become object ids. */
    private static Map<String, Object> idsOf(String className, Map<String, Object> constraints) {
        Map<String, Object> ids = new LinkedHashMap<>();
        constraints.forEach((name, value) -> {
            if (value instanceof String id) {
                ids.put(name, GlobalIds.objectId(className, id));
            } else if (value instanceof List<?> list) {
                ids.put(name, list.stream().map(id -> id instanceof String text
                        ? GlobalIds.objectId(className, text) : id).toList());
            } else {
                ids.put(name, value);
            }
        });
        return ids;
    }

    /** Renames GraphQL's operators to Parse's, giving geo values their {@code __type}, at any depth. */
    private Map<String, Object> operators(Map<String, Object> constraints) {
        Map<String, Object> rest = new LinkedHashMap<>();
        constraints.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            String operator = OPERATORS.getOrDefault(name, name);
            rest.put(operator, operand(name, value));
        });
        return rest;
    }

    private Object operand(String name, Object value) {
        return switch (name) {
            case "point", "nearSphere" -> geoPoint(value);
            case "box" -> {
                Map<String, Object> box = castMap(value);
                yield List.of(geoPoint(box.get("bottomLeft")), geoPoint(box.get("upperRight")));
            }
            case "centerSphere" -> {
                Map<String, Object> sphere = castMap(value);
                yield List.of(geoPoint(sphere.get("center")), sphere.get("distance"));
            }
            case "polygon" -> ((List<?>) value).stream().map(WhereInput::geoPoint).toList();
            default -> value instanceof Map<?, ?> map && !map.containsKey("__type") ? operators(castMap(map)) : value;
        };
    }

    static Map<String, Object> geoPoint(Object value) {
        Map<String, Object> point = new LinkedHashMap<>(castMap(value));
        point.putIfAbsent("__type", "GeoPoint");
        return point;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
