package dev.reparse.runtime.graphql;

import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A REST answer's object as the generated types read it: its global {@code id}, its ACL as users/roles/public
 * lists, included pointers as objects of their class, polygons as points, array items as objects or
 * {@code Element}s. The class rides along under {@link #CLASS} for the Node and ArrayResult type resolvers.
 */
final class Outputs {
    static final String CLASS = "__className";

    private final Map<String, GraphQLClass> classes;

    Outputs(Map<String, GraphQLClass> classes) {
        this.classes = classes;
    }

    Map<String, Object> object(String className, Map<String, Object> rest) {
        Map<String, Object> shaped = new LinkedHashMap<>(rest);
        shaped.put(CLASS, className);
        if (rest.get("objectId") instanceof String objectId) {
            shaped.put("id", GlobalIds.of(className, objectId));
        }
        shaped.put("ACL", acl(rest.get("ACL")));
        GraphQLClass type = classes.get(className);
        if (type == null) {
            return shaped;
        }
        type.fields().forEach((field, fieldType) -> {
            Object value = rest.get(field);
            if (value != null) {
                shaped.put(field, value(fieldType, value));
            }
        });
        return shaped;
    }

    private Object value(FieldType fieldType, Object value) {
        return switch (fieldType.type()) {
            case "Pointer" -> value instanceof Map<?, ?> pointer && pointer.get("className") instanceof String target
                    ? object(target, WhereInput.castMap(pointer)) : value;
            case "Polygon" -> polygon(value);
            case "Array" -> value instanceof List<?> list ? list.stream().map(this::element).toList() : value;
            default -> value;
        };
    }

    private Object element(Object item) {
        if (item instanceof Map<?, ?> map && "Object".equals(map.get("__type")) && map.get("className") instanceof String c
                && map.get("objectId") != null && classes.containsKey(c)) {
            return object(c, WhereInput.castMap(map));
        }
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("value", item);
        return element;
    }

    private static Object polygon(Object value) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("coordinates") instanceof List<?> coordinates)) {
            return null;
        }
        List<Object> points = new ArrayList<>();
        for (Object coordinate : coordinates) {
            if (coordinate instanceof List<?> pair && pair.size() == 2) {
                points.add(Map.of("latitude", pair.get(0), "longitude", pair.get(1)));
            }
        }
        return points;
    }

    /** Parse's ACL map as the {@code ACL} type; no ACL is public read and write, as Parse Server shows it. */
    static Map<String, Object> acl(Object value) {
        Map<String, Object> acl = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> rules)) {
            acl.put("public", Map.of("read", true, "write", true));
            return acl;
        }
        List<Object> users = new ArrayList<>();
        List<Object> roles = new ArrayList<>();
        rules.forEach((who, rule) -> {
            Map<?, ?> access = rule instanceof Map<?, ?> map ? map : Map.of();
            boolean read = Boolean.TRUE.equals(access.get("read"));
            boolean write = Boolean.TRUE.equals(access.get("write"));
            String name = String.valueOf(who);
            if (name.equals("*")) {
                acl.put("public", Map.of("read", read, "write", write));
            } else if (name.startsWith("role:")) {
                roles.add(Map.of("roleName", name.substring(5), "read", read, "write", write));
            } else {
                users.add(Map.of("userId", GlobalIds.of("_User", name), "read", read, "write", write));
            }
        });
        acl.put("users", users.isEmpty() ? null : users);
        acl.put("roles", roles.isEmpty() ? null : roles);
        return acl;
    }
}
