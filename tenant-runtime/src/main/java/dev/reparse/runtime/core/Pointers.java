package dev.reparse.runtime.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code {"__type":"Pointer",...}} encoding. */
final class Pointers {
    private Pointers() {
    }

    static Map<String, Object> of(String className, String objectId) {
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("__type", "Pointer");
        pointer.put("className", className);
        pointer.put("objectId", objectId);
        return pointer;
    }

    static boolean isPointer(Object value) {
        return value instanceof Map<?, ?> map && "Pointer".equals(map.get("__type"))
                && map.get("className") instanceof String && map.get("objectId") instanceof String;
    }
}
