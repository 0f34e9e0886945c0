package dev.reparse.runtime.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces pointers at include paths with the objects they point to, one query per class and
 * path level, shallowest path first so deeper paths walk through objects already fetched.
 */
final class Includes {
    private final WhereResolver.SubqueryRunner finder;

    Includes(WhereResolver.SubqueryRunner finder) {
        this.finder = finder;
    }

    void expand(Auth auth, List<Map<String, Object>> results, Set<String> paths, int depth) {
        List<String> ordered = new ArrayList<>(paths);
        ordered.sort((a, b) -> Integer.compare(a.split("\\.").length, b.split("\\.").length));
        for (String path : ordered) {
            expandPath(auth, results, path.split("\\."), depth);
        }
    }

    private void expandPath(Auth auth, List<Map<String, Object>> results, String[] path, int depth) {
        List<Slot> slots = new ArrayList<>();
        for (Map<String, Object> object : results) {
            collectSlots(object, path, 0, slots);
        }
        Map<String, List<String>> idsByClass = new LinkedHashMap<>();
        for (Slot slot : slots) {
            idsByClass.computeIfAbsent(slot.className(), c -> new ArrayList<>()).add(slot.objectId());
        }
        Map<String, Map<String, Object>> fetched = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : idsByClass.entrySet()) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("objectId", Map.of("$in", List.copyOf(new java.util.LinkedHashSet<>(entry.getValue()))));
            FindRequest request = new FindRequest(where, Integer.MAX_VALUE, 0, List.of(), null, Set.of(), Set.of(),
                    false, null);
            for (Map<String, Object> object : finder.find(auth, entry.getKey(), request, depth + 1)) {
                fetched.put(entry.getKey() + "$" + object.get("objectId"), object);
            }
        }
        for (Slot slot : slots) {
            Map<String, Object> object = fetched.get(slot.className() + "$" + slot.objectId());
            if (object != null) {
                slot.replace(asIncluded(slot.className(), object));
            }
        }
    }

    private static Map<String, Object> asIncluded(String className, Map<String, Object> object) {
        Map<String, Object> included = new LinkedHashMap<>();
        included.put("__type", "Object");
        included.put("className", className);
        object.forEach((key, value) -> {
            if (!key.startsWith("_")) {
                included.put(key, value);
            }
        });
        return included;
    }

    @SuppressWarnings("unchecked")
    private static void collectSlots(Map<String, Object> object, String[] path, int index, List<Slot> slots) {
        Object value = object.get(path[index]);
        if (index < path.length - 1) {
            if (value instanceof Map<?, ?> child) {
                collectSlots((Map<String, Object>) child, path, index + 1, slots);
            }
            return;
        }
        if (Pointers.isPointer(value)) {
            Map<?, ?> pointer = (Map<?, ?>) value;
            slots.add(new Slot(object, path[index], -1, (String) pointer.get("className"),
                    (String) pointer.get("objectId")));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (Pointers.isPointer(list.get(i))) {
                    Map<?, ?> pointer = (Map<?, ?>) list.get(i);
                    slots.add(new Slot(object, path[index], i, (String) pointer.get("className"),
                            (String) pointer.get("objectId")));
                }
            }
        }
    }

    /** Where a pointer sits: a field of an object, or an element of an array field. */
    private record Slot(Map<String, Object> owner, String key, int index, String className, String objectId) {
        @SuppressWarnings("unchecked")
        void replace(Map<String, Object> included) {
            if (index < 0) {
                owner.put(key, included);
            } else {
                List<Object> list = new ArrayList<>((List<Object>) owner.get(key));
                list.set(index, included);
                owner.put(key, list);
            }
        }
    }
}
