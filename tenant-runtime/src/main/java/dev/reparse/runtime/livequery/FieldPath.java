package dev.reparse.runtime.livequery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A where key ({@code score}, {@code meta.size.height}, {@code tags.0}) and the values it reaches in
 * an object, the way Mongo walks a dotted path: through nested objects, by index into arrays, and
 * across every object element of an array.
 */
final class FieldPath {
    /** One value the path reaches; {@code topLevel} when it is a field's own value, not something inside it. */
    record Candidate(Object value, boolean topLevel) {
    }

    private final String field;
    private final String[] rest;

    FieldPath(String key) {
        String[] segments = key.split("\\.", -1);
        this.field = segments[0];
        this.rest = java.util.Arrays.copyOfRange(segments, 1, segments.length);
    }

    /** The values the path reaches in a REST object; {@link LiveValues#MISSING} stands for a missing field. */
    List<Candidate> resolve(Map<String, Object> object) {
        Object own = object.containsKey(field) ? LiveValues.topLevel(field, object.get(field)) : LiveValues.MISSING;
        if (rest.length == 0) {
            return List.of(new Candidate(own, true));
        }
        List<Candidate> out = new ArrayList<>(2);
        // a top-level pointer is stored as a Class$id string, not as a document a path can enter
        walk(own instanceof LiveValues.PointerRef ? LiveValues.MISSING : own, 0, out);
        return out;
    }

    private void walk(Object value, int index, List<Candidate> out) {
        if (index == rest.length) {
            out.add(new Candidate(value, false));
            return;
        }
        String segment = rest[index];
        switch (value) {
            case Map<?, ?> map -> walk(map.containsKey(segment) ? map.get(segment) : LiveValues.MISSING, index + 1, out);
            case LiveValues.PointerRef pointer -> walk(pointerField(pointer, segment), index + 1, out);
            case List<?> list -> walkArray(list, index, out);
            default -> out.add(new Candidate(LiveValues.MISSING, false));
        }
    }

    /** A pointer inside an object or array is stored as a document, whose fields a path may name. */
    private static Object pointerField(LiveValues.PointerRef pointer, String segment) {
        return switch (segment) {
            case "__type" -> "Pointer";
            case "className" -> pointer.className();
            case "objectId" -> pointer.objectId();
            default -> LiveValues.MISSING;
        };
    }

    private void walkArray(List<?> list, int index, List<Candidate> out) {
        int before = out.size();
        String segment = rest[index];
        if (!segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit)) {
            int position = Integer.parseInt(segment);
            if (position < list.size()) {
                walk(list.get(position), index + 1, out);
            }
        }
        for (Object element : list) {
            if (element instanceof Map<?, ?> || element instanceof LiveValues.PointerRef) {
                walk(element, index, out);
            }
        }
        if (out.size() == before) {
            out.add(new Candidate(LiveValues.MISSING, false));
        }
    }
}
