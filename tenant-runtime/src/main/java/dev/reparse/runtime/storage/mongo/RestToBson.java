package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * REST values to the BSON values Parse Server stores. Parse Server encodes a value differently at
 * the top level of an object ("atoms": pointer strings, {@code [lng, lat]} geopoints, file names)
 * and inside Object/Array values ("interior": pointers and geopoints keep their REST maps, only
 * dates and bytes become BSON); both are mirrored here.
 */
final class RestToBson {
    /** Returned by the atom encoders for a value that is not an atom (a plain object or array). */
    static final Object NOT_ATOM = new Object() {
        @Override
        public String toString() {
            return "NOT_ATOM";
        }
    };

    /** Returned by {@link #interiorValue} for a flattened {@code Delete} operation: leave the key out. */
    static final Object OMIT = new Object();

    private RestToBson() {
    }

    /** A top-level atom as stored, or {@link #NOT_ATOM}; a string for a pointer field becomes {@code Class$id}. */
    static Object topLevelAtom(Object value, FieldType field) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Date) {
            return value;
        }
        if (value instanceof String text) {
            return field != null && field.isPointer() ? field.targetClass() + "$" + text : text;
        }
        if (!(value instanceof Map<?, ?> map) || !(map.get("__type") instanceof String type)) {
            return NOT_ATOM;
        }
        return switch (type) {
            case "Pointer" -> pointerString(map);
            case "Date" -> date(map);
            case "Bytes" -> bytes(map);
            case "GeoPoint" -> geoPoint(map);
            case "Polygon" -> polygon(map);
            case "File" -> map.get("name");
            default -> NOT_ATOM;
        };
    }

    /** An atom inside an Object or Array value as stored, or {@link #NOT_ATOM}. */
    static Object interiorAtom(Object value) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("__type") instanceof String type)) {
            return value instanceof Map<?, ?> || value instanceof List<?> ? NOT_ATOM : value;
        }
        return switch (type) {
            case "Pointer" -> pointerDocument(map);
            case "Date" -> date(map);
            case "Bytes" -> bytes(map);
            default -> NOT_ATOM;
        };
    }

    /** A value inside an Object or Array, recursively; nested keys may contain neither {@code $} nor {@code .}. */
    static Object interiorValue(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                Object encoded = interiorValue(element);
                out.add(encoded == OMIT ? null : encoded);
            }
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        rejectOperatorKeys(map);
        Object atom = interiorAtom(map);
        if (atom != NOT_ATOM) {
            return atom;
        }
        if (map.containsKey("__op")) {
            return flattenedOperation(map);
        }
        Document out = new Document();
        map.forEach((key, nested) -> {
            Object encoded = interiorValue(nested);
            if (encoded != OMIT) {
                out.put((String) key, encoded);
            }
        });
        return out;
    }

    static void rejectOperatorKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (name.contains("$") || name.contains(".")) {
                throw new ParseException(ParseErrorCode.INVALID_NESTED_KEY,
                        "Nested keys should not contain the '$' or '.' characters");
            }
        }
    }

    /** A REST value as a plain BSON value: maps become documents, nothing else changes. */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document out = new Document();
            map.forEach((key, nested) -> out.put(String.valueOf(key), plain(nested)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(plain(element)));
            return out;
        }
        return value;
    }

    static String pointerString(Map<?, ?> pointer) {
        Object className = pointer.get("className");
        Object objectId = pointer.get("objectId");
        if (!(className instanceof String) || !(objectId instanceof String)) {
            throw new ParseException(ParseErrorCode.INVALID_POINTER, "invalid pointer: " + pointer);
        }
        return className + "$" + objectId;
    }

    static Document pointerDocument(Map<?, ?> pointer) {
        pointerString(pointer);
        return new Document("__type", "Pointer")
                .append("className", pointer.get("className"))
                .append("objectId", pointer.get("objectId"));
    }

    static Date date(Map<?, ?> date) {
        if (!(date.get("iso") instanceof String iso)) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "invalid date: " + date);
        }
        return Date.from(ParseDates.parse(iso));
    }

    /** A date given either as {@code {"__type":"Date"}} or as an ISO string, as Parse Server accepts for built-in dates. */
    static Object dateOrIso(Object value) {
        if (value instanceof String iso) {
            return Date.from(ParseDates.parse(iso));
        }
        if (value instanceof Map<?, ?> map && "Date".equals(map.get("__type"))) {
            return date(map);
        }
        return value;
    }

    static Binary bytes(Map<?, ?> bytes) {
        try {
            return new Binary(Base64.getDecoder().decode(String.valueOf(bytes.get("base64"))));
        } catch (IllegalArgumentException e) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "invalid base64 in Bytes value");
        }
    }

    static List<Object> geoPoint(Map<?, ?> point) {
        double latitude = coordinate(point.get("latitude"), 90, "latitude");
        double longitude = coordinate(point.get("longitude"), 180, "longitude");
        // Keep the numbers as given (an integral value stays an int32), as the Node driver does.
        return List.of(numberOr(point.get("longitude"), longitude), numberOr(point.get("latitude"), latitude));
    }

    /** {@code [lng, lat]} of a REST GeoPoint, validated. */
    static List<Object> lngLat(Object value, String what) {
        if (!(value instanceof Map<?, ?> map) || !"GeoPoint".equals(map.get("__type"))) {
            throw ParseException.invalidQuery("bad " + what + " value; should be a GeoPoint");
        }
        return geoPoint(map);
    }

    static double coordinate(Object value, double bound, String name) {
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())
                || Math.abs(number.doubleValue()) > bound) {
            throw new ParseException(ParseErrorCode.INVALID_JSON,
                    "GeoPoint " + name + " should be a number between -" + (int) bound + " and " + (int) bound);
        }
        return number.doubleValue();
    }

    private static Object numberOr(Object original, double parsed) {
        return original instanceof Number ? original : parsed;
    }

    /** GeoJSON polygon from Parse's {@code [[lat, lng], ...]}: ring closed, coordinates swapped to {@code [lng, lat]}. */
    static Document polygon(Map<?, ?> polygon) {
        if (!(polygon.get("coordinates") instanceof List<?> coordinates) || coordinates.isEmpty()) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "Polygon coordinates should be an array");
        }
        List<List<?>> ring = new ArrayList<>();
        for (Object point : coordinates) {
            if (!(point instanceof List<?> pair) || pair.size() != 2) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "Polygon point should be [latitude, longitude]");
            }
            coordinate(pair.get(0), 90, "latitude");
            coordinate(pair.get(1), 180, "longitude");
            ring.add(pair);
        }
        if (!samePoint(ring.get(0), ring.get(ring.size() - 1))) {
            ring.add(ring.get(0));
        }
        if (distinctPoints(ring) < 3) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR,
                    "GeoJSON: Loop must have at least 3 different vertices");
        }
        List<Object> swapped = new ArrayList<>(ring.size());
        ring.forEach(pair -> swapped.add(List.of(pair.get(1), pair.get(0))));
        return new Document("type", "Polygon").append("coordinates", List.of(swapped));
    }

    private static boolean samePoint(List<?> a, List<?> b) {
        return ((Number) a.get(0)).doubleValue() == ((Number) b.get(0)).doubleValue()
                && ((Number) a.get(1)).doubleValue() == ((Number) b.get(1)).doubleValue();
    }

    private static long distinctPoints(List<List<?>> ring) {
        return ring.stream()
                .map(pair -> List.of(((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue()))
                .distinct()
                .count();
    }

    /** Parse Server's flattening of an operation nested inside an object: its resulting value. */
    private static Object flattenedOperation(Map<?, ?> operation) {
        Object op = operation.get("__op");
        return switch (String.valueOf(op)) {
            case "Delete" -> OMIT;
            case "Increment", "SetOnInsert" -> operation.get("amount");
            case "Add", "AddUnique" -> interiorValue(objects(operation));
            case "Remove" -> new ArrayList<>();
            default -> throw new ParseException(ParseErrorCode.COMMAND_UNAVAILABLE,
                    "The " + op + " operator is not supported yet.");
        };
    }

    static List<?> objects(Map<?, ?> operation) {
        if (!(operation.get("objects") instanceof List<?> objects)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "objects to add must be an array");
        }
        return objects;
    }
}
