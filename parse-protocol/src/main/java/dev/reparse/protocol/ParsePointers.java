package dev.reparse.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code {"__type":"Pointer",...}} encoding. */
public final class ParsePointers {
    private ParsePointers() {
    }

    /** A pointer to one object. */
    public static Map<String, Object> of(String className, String objectId) {
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("__type", "Pointer");
        pointer.put("className", className);
        pointer.put("objectId", objectId);
        return pointer;
    }

    /** Whether a JSON value is a well-formed pointer. */
    public static boolean isPointer(Object value) {
        return value instanceof Map<?, ?> map && "Pointer".equals(map.get("__type"))
                && map.get("className") instanceof String && map.get("objectId") instanceof String;
    }
}
