package dev.reparse.runtime.livequery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A where key ({@code score}, {@code meta.size.height}, {@code tags.0}) and the values it reaches in
 * an object, the way Mongo walks a dotted path: through nested objects, by index into arrays, and
 * across every object element of an array. Only the values reached are converted to their stored form.
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
        this.rest = Arrays.copyOfRange(segments, 1, segments.length);
    }

    /** The values the path reaches in a REST object; {@link LiveValues#MISSING} stands for a missing field. */
    List<Candidate> resolve(Map<String, Object> object) {
        Object own = object.containsKey(field) ? object.get(field) : LiveValues.MISSING;
        if (rest.length == 0) {
            return List.of(new Candidate(own == LiveValues.MISSING ? own : LiveValues.topLevel(field, own), true));
        }
        List<Candidate> out = new ArrayList<>(2);
        // a field's own pointer, date, file or geo point is not stored as a document a path can enter
        boolean typed = own instanceof Map<?, ?> map && map.containsKey("__type");
        walk(typed ? LiveValues.MISSING : own, 0, out);
        return out;
    }

    private void walk(Object value, int index, List<Candidate> out) {
        if (index == rest.length) {
            out.add(new Candidate(LiveValues.interior(value), false));
            return;
        }
        String segment = rest[index];
        switch (value) {
            case Map<?, ?> map when LiveValues.isDocument(map) -> walk(child(map, segment), index + 1, out);
            case List<?> list -> walkArray(list, index, out);
            case null, default -> out.add(new Candidate(LiveValues.MISSING, false));
        }
    }

    private static Object child(Map<?, ?> map, String segment) {
        return map.containsKey(segment) ? map.get(segment) : LiveValues.MISSING;
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
            if (element instanceof Map<?, ?> map && LiveValues.isDocument(map)) {
                walk(element, index, out);
            }
        }
        if (out.size() == before) {
            out.add(new Candidate(LiveValues.MISSING, false));
        }
    }
}
