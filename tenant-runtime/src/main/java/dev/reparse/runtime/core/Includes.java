package dev.reparse.runtime.core;

import dev.reparse.protocol.ParsePointers;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces pointers at include paths with the objects they point to, one query per class and
 * path level, shallowest path first so deeper paths walk through objects already fetched. A
 * pointer whose object is gone (or unreadable to the caller) is dropped, as Parse Server does; a
 * class the caller may not find leaves its pointers as they are.
 */
final class Includes {
    /** Runs the query that fetches included objects, with the caller's read rules. */
    interface Finder {
        List<Map<String, Object>> find(Auth auth, String className, FindRequest request, int depth);
    }

    private final Finder finder;

    Includes(Finder finder) {
        this.finder = finder;
    }

    /**
     * @param keys the query's {@code keys} (dot paths select fields of included objects), or null
     */
    void expand(Auth auth, List<Map<String, Object>> results, Set<String> paths, Set<String> keys, int depth) {
        List<String> ordered = new ArrayList<>(paths);
        ordered.sort((a, b) -> Integer.compare(a.split("\\.").length, b.split("\\.").length));
        for (String path : ordered) {
            expandPath(auth, results, path, keysUnder(path, keys, paths), depth);
        }
    }

    private void expandPath(Auth auth, List<Map<String, Object>> results, String path, Set<String> keys, int depth) {
        String[] segments = path.split("\\.");
        Map<String, Set<String>> idsByClass = new LinkedHashMap<>();
        for (Map<String, Object> object : results) {
            forEachOwner(object, segments, 0, (owner, key) -> collect(owner.get(key), idsByClass));
        }
        Map<String, Map<String, Object>> fetched = new HashMap<>();
        Set<String> queriedClasses = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> entry : idsByClass.entrySet()) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("objectId", Map.of("$in", List.copyOf(entry.getValue())));
            FindRequest request = new FindRequest(where, Integer.MAX_VALUE, 0, List.of(), keys, Set.of(), Set.of(),
                    false, null);
            try {
                for (Map<String, Object> object : finder.find(auth, entry.getKey(), request, depth + 1)) {
                    fetched.put(entry.getKey() + "$" + object.get("objectId"), asIncluded(entry.getKey(), object));
                }
                queriedClasses.add(entry.getKey());
            } catch (ParseException e) {
                if (!isClassRefusal(e)) {
                    throw e;
                }
            }
        }
        for (Map<String, Object> object : results) {
            forEachOwner(object, segments, 0, (owner, key) -> replace(owner, key, fetched, queriedClasses));
        }
    }

    /** The CLP refused the class (119, or 101 for requiresAuthentication): its pointers stay pointers. */
    private static boolean isClassRefusal(ParseException e) {
        return e.code() == ParseErrorCode.OPERATION_FORBIDDEN
                || (e.code() == ParseErrorCode.OBJECT_NOT_FOUND && e.getMessage().equals("Permission denied"));
    }

    /** Keys for the objects included at {@code path}: the query's keys below it, plus the paths deeper includes walk. */
    private static Set<String> keysUnder(String path, Set<String> keys, Set<String> paths) {
        if (keys == null) {
            return null;
        }
        Set<String> under = new LinkedHashSet<>();
        String prefix = path + ".";
        for (String key : keys) {
            if (key.startsWith(prefix)) {
                under.add(key.substring(prefix.length()).split("\\.")[0]);
            }
        }
        if (under.isEmpty()) {
            return null;
        }
        for (String deeper : paths) {
            if (deeper.startsWith(prefix)) {
                under.add(deeper.substring(prefix.length()).split("\\.")[0]);
            }
        }
        return under;
    }

    private interface OwnerVisitor {
        void visit(Map<String, Object> owner, String key);
    }

    @SuppressWarnings("unchecked")
    private static void forEachOwner(Map<String, Object> object, String[] path, int index, OwnerVisitor visitor) {
        if (index == path.length - 1) {
            if (object.containsKey(path[index])) {
                visitor.visit(object, path[index]);
            }
            return;
        }
        Object child = object.get(path[index]);
        if (child instanceof Map<?, ?> map) {
            forEachOwner((Map<String, Object>) map, path, index + 1, visitor);
        } else if (child instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    forEachOwner((Map<String, Object>) map, path, index + 1, visitor);
                }
            }
        }
    }

    private static void collect(Object value, Map<String, Set<String>> idsByClass) {
        if (ParsePointers.isPointer(value)) {
            Map<?, ?> pointer = (Map<?, ?>) value;
            idsByClass.computeIfAbsent((String) pointer.get("className"), c -> new LinkedHashSet<>())
                    .add((String) pointer.get("objectId"));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, idsByClass));
        }
    }

    private static void replace(Map<String, Object> owner, String key, Map<String, Map<String, Object>> fetched,
            Set<String> queriedClasses) {
        Object value = owner.get(key);
        if (ParsePointers.isPointer(value)) {
            Object included = lookup((Map<?, ?>) value, fetched, queriedClasses);
            if (included == null) {
                owner.remove(key);
            } else {
                owner.put(key, included);
            }
        } else if (value instanceof List<?> list) {
            List<Object> replaced = new ArrayList<>();
            for (Object item : list) {
                Object included = ParsePointers.isPointer(item) ? lookup((Map<?, ?>) item, fetched, queriedClasses) : item;
                if (included != null) {
                    replaced.add(included);
                }
            }
            owner.put(key, replaced);
        }
    }

    /** The included object, the pointer itself when its class wasn't readable, or null when the object is gone. */
    private static Object lookup(Map<?, ?> pointer, Map<String, Map<String, Object>> fetched,
            Set<String> queriedClasses) {
        String className = (String) pointer.get("className");
        Map<String, Object> object = fetched.get(className + "$" + pointer.get("objectId"));
        if (object != null) {
            return new LinkedHashMap<>(object);
        }
        return queriedClasses.contains(className) ? null : pointer;
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
}
