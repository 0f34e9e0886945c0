package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dotted key in a create body ({@code "a.b": 1}) means the nested field, as it does in an
 * update: the new object stores {@code {"a": {"b": 1}}}. Parse Server stores such a key as a
 * literal field named {@code a.b} while its schema records {@code a} as an Object, so the value can
 * never be queried or updated as {@code a.b} (safer than Parse Server, and consistent).
 */
final class DottedKeys {
    private DottedKeys() {
    }

    /** The body with every dotted key expanded into nested objects; 105 for what cannot be nested. */
    static Map<String, Object> nestForCreate(Map<String, Object> body) {
        if (body.keySet().stream().noneMatch(key -> key.indexOf('.') >= 0)) {
            return body;
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            if (key.indexOf('.') < 0) {
                merge(nested, key, value, key);
            }
        });
        body.forEach((key, value) -> {
            if (key.indexOf('.') >= 0) {
                put(nested, key, value);
            }
        });
        return nested;
    }

    private static void put(Map<String, Object> root, String key, Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey("__op")) {
            throw invalid(key, "a new object cannot apply an operation inside a field");
        }
        String[] segments = key.split("\\.", -1);
        for (int i = 1; i < segments.length; i++) {
            if (!segments[i].isEmpty() && segments[i].chars().allMatch(Character::isDigit)) {
                throw invalid(key, "a new object has no array to index");
            }
        }
        Map<String, Object> parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw invalid(key, "empty segment");
            }
            Object existing = parent.get(segment);
            if (existing == null) {
                Map<String, Object> child = new LinkedHashMap<>();
                parent.put(segment, child);
                parent = child;
            } else if (existing instanceof Map<?, ?> map && !map.containsKey("__type") && !map.containsKey("__op")) {
                Map<String, Object> child = new LinkedHashMap<>(cast(map));
                parent.put(segment, child);
                parent = child;
            } else {
                throw invalid(key, "the body sets " + segment + " to a value that is not an object");
            }
        }
        merge(parent, segments[segments.length - 1], value, key);
    }

    private static void merge(Map<String, Object> parent, String name, Object value, String key) {
        if (name.isEmpty()) {
            throw invalid(key, "empty segment");
        }
        if (parent.containsKey(name)) {
            throw invalid(key, "the body sets " + name + " twice");
        }
        parent.put(name, value);
    }

    private static ParseException invalid(String key, String why) {
        return new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid field name: " + key + " (" + why + ").");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
