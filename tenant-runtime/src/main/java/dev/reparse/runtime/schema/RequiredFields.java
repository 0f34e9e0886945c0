package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an object write must contain: the system classes' required columns (Parse Server's {@code
 * validateRequiredColumns}) and the fields declared {@code required}, with their default values
 * (its {@code RestWrite.setRequiredFieldsIfNeeded}).
 */
final class RequiredFields {
    private RequiredFields() {
    }

    /** A copy of a create's data with each declared default set where the field is absent or deleted. */
    static Map<String, Object> applyDefaults(ClassSchema schema, Map<String, Object> object) {
        Map<String, Object> filled = new LinkedHashMap<>(object);
        schema.fields().forEach((field, type) -> {
            // Parse Server keeps an explicit null or "": those then fail a required check instead.
            if (type.hasDefaultValue() && (!object.containsKey(field) || FieldSpecs.isDelete(object.get(field)))) {
                filled.put(field, closedIfPolygon(type.defaultValue()));
            }
        });
        return filled;
    }

    /**
     * A Polygon default with its ring closed (the first point repeated at the end), as it is stored and
     * as Parse Server answers it in the create's answer; any other value as it is.
     */
    private static Object closedIfPolygon(Object value) {
        if (!(value instanceof Map<?, ?> map) || !"Polygon".equals(map.get("__type"))
                || !(map.get("coordinates") instanceof List<?> points) || points.isEmpty()
                || samePoint(points.get(0), points.get(points.size() - 1))) {
            return value;
        }
        List<Object> closed = new java.util.ArrayList<>(points);
        closed.add(points.get(0));
        Map<String, Object> polygon = new LinkedHashMap<>();
        map.forEach((key, field) -> polygon.put(String.valueOf(key), field));
        polygon.put("coordinates", closed);
        return polygon;
    }

    private static boolean samePoint(Object first, Object last) {
        if (first instanceof List<?> a && last instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof Number x) || !(b.get(i) instanceof Number y)
                        || x.doubleValue() != y.doubleValue()) {
                    return false;
                }
            }
            return true;
        }
        return first.equals(last);
    }

    /** Fails with 111 for a system class's missing column, then with 142 for a missing required field. */
    static void validate(ClassSchema schema, Map<String, Object> object, boolean isUpdate) {
        validateSystemColumns(schema.className(), object, isUpdate);
        // A create must carry every required field; an update may only not clear one it names.
        schema.fields().forEach((field, type) -> {
            if (type.isRequired() && (!isUpdate || object.containsKey(field)) && isCleared(object.get(field))) {
                throw new ParseException(ParseErrorCode.VALIDATION_ERROR, field + " is required");
            }
        });
    }

    private static void validateSystemColumns(String className, Map<String, Object> object, boolean isUpdate) {
        for (String field : DefaultSchemas.REQUIRED_ON_WRITE.getOrDefault(className, List.of())) {
            Object value = object.get(field);
            boolean missing = isUpdate ? FieldSpecs.isDelete(value) : isFalsy(value);
            if (missing) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, field + " is required.");
            }
        }
    }

    /** Parse Server's test for a required field: absent, null, empty string or a Delete. */
    private static boolean isCleared(Object value) {
        return value == null || "".equals(value) || FieldSpecs.isDelete(value);
    }

    /** JavaScript falsiness, which is how Parse Server tests a system column: 0, "" and false are missing too. */
    private static boolean isFalsy(Object value) {
        return value == null || Boolean.FALSE.equals(value) || "".equals(value)
                || (value instanceof Number n && n.doubleValue() == 0);
    }
}
