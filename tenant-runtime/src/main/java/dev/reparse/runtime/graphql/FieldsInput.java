package dev.reparse.runtime.graphql;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A create or update mutation's {@code fields} as a REST body: pointers from {@code link} ids (or objects made by
 * {@code createAndLink}), relation ops from {@code add}/{@code remove}/{@code createAndAdd}, ACLs, geo points,
 * polygons and files in Parse's encoding; a null is a delete of the field.
 */
final class FieldsInput {
    private final Map<String, GraphQLClass> classes;
    /** Creates an object of a class from a REST body (the core's create, with the caller's auth); its object id. */
    private final BiFunction<String, Map<String, Object>, String> create;

    FieldsInput(Map<String, GraphQLClass> classes, BiFunction<String, Map<String, Object>, String> create) {
        this.classes = classes;
        this.create = create;
    }

    Map<String, Object> toRest(String className, Map<String, Object> fields, boolean update) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (fields == null) {
            return body;
        }
        GraphQLClass type = classes.get(className);
        fields.forEach((field, value) -> {
            if (field.equals("ACL")) {
                body.put(field, value == null ? null : acl(WhereInput.castMap(value)));
                return;
            }
            FieldType fieldType = type == null ? null : type.fields().get(field);
            if (value == null) {
                if (update) {
                    body.put(field, Map.of("__op", "Delete"));
                }
                return;
            }
            body.put(field, fieldType == null ? value : value(fieldType, value));
        });
        return body;
    }

    private Object value(FieldType fieldType, Object value) {
        return switch (fieldType.type()) {
            case "GeoPoint" -> WhereInput.geoPoint(value);
            case "Polygon" -> polygon((List<?>) value);
            case "File" -> file(WhereInput.castMap(value));
            case "Pointer" -> pointer(fieldType.targetClass(), WhereInput.castMap(value));
            case "Relation" -> relation(fieldType.targetClass(), WhereInput.castMap(value));
            default -> value;
        };
    }

    private static Map<String, Object> polygon(List<?> points) {
        List<Object> coordinates = new ArrayList<>();
        for (Object point : points) {
            Map<String, Object> geo = WhereInput.castMap(point);
            coordinates.add(List.of(geo.get("latitude"), geo.get("longitude")));
        }
        Map<String, Object> polygon = new LinkedHashMap<>();
        polygon.put("__type", "Polygon");
        polygon.put("coordinates", coordinates);
        return polygon;
    }

    private static Map<String, Object> file(Map<String, Object> input) {
        if (input.get("file") instanceof Map<?, ?> file && file.get("name") instanceof String name) {
            Map<String, Object> rest = new LinkedHashMap<>();
            rest.put("__type", "File");
            rest.put("name", name);
            if (file.get("url") != null) {
                rest.put("url", file.get("url"));
            }
            return rest;
        }
        throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid file upload.");
    }

    private Map<String, Object> pointer(String target, Map<String, Object> input) {
        String objectId;
        if (input.get("link") instanceof String link) {
            objectId = GlobalIds.objectId(target, link);
        } else if (input.get("createAndLink") != null) {
            objectId = create.apply(target, toRest(target, WhereInput.castMap(input.get("createAndLink")), false));
        } else {
            return Map.of("__op", "Delete");
        }
        return pointerTo(target, objectId);
    }

    private Map<String, Object> relation(String target, Map<String, Object> input) {
        List<Object> added = new ArrayList<>();
        if (input.get("createAndAdd") instanceof List<?> creates) {
            for (Object fields : creates) {
                added.add(pointerTo(target, create.apply(target, toRest(target, WhereInput.castMap(fields), false))));
            }
        }
        if (input.get("add") instanceof List<?> ids) {
            ids.forEach(id -> added.add(pointerTo(target, GlobalIds.objectId(target, String.valueOf(id)))));
        }
        List<Object> removed = new ArrayList<>();
        if (input.get("remove") instanceof List<?> ids) {
            ids.forEach(id -> removed.add(pointerTo(target, GlobalIds.objectId(target, String.valueOf(id)))));
        }
        List<Object> ops = new ArrayList<>();
        if (!added.isEmpty()) {
            ops.add(Map.of("__op", "AddRelation", "objects", added));
        }
        if (!removed.isEmpty()) {
            ops.add(Map.of("__op", "RemoveRelation", "objects", removed));
        }
        if (ops.size() == 1) {
            return WhereInput.castMap(ops.get(0));
        }
        return Map.of("__op", "Batch", "ops", ops);
    }

    private static Map<String, Object> pointerTo(String className, String objectId) {
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("__type", "Pointer");
        pointer.put("className", className);
        pointer.put("objectId", objectId);
        return pointer;
    }

    /** {@code {users, roles, public}} as Parse's ACL map; user ids may be global ids. */
    static Map<String, Object> acl(Map<String, Object> input) {
        Map<String, Object> acl = new LinkedHashMap<>();
        if (input.get("public") instanceof Map<?, ?> everyone) {
            putRule(acl, "*", rule(everyone));
        }
        if (input.get("users") instanceof List<?> users) {
            users.forEach(user -> {
                Map<?, ?> rule = (Map<?, ?>) user;
                putRule(acl, GlobalIds.objectId("_User", String.valueOf(rule.get("userId"))), rule(rule));
            });
        }
        if (input.get("roles") instanceof List<?> roles) {
            roles.forEach(role -> {
                Map<?, ?> rule = (Map<?, ?>) role;
                putRule(acl, "role:" + rule.get("roleName"), rule(rule));
            });
        }
        return acl;
    }

    /** A rule granting nothing is left out, as Parse's ACLs never hold one. */
    private static void putRule(Map<String, Object> acl, String who, Map<String, Object> rule) {
        if (!rule.isEmpty()) {
            acl.put(who, rule);
        }
    }

    private static Map<String, Object> rule(Map<?, ?> input) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(input.get("read"))) {
            rule.put("read", true);
        }
        if (Boolean.TRUE.equals(input.get("write"))) {
            rule.put("write", true);
        }
        return rule;
    }
}
