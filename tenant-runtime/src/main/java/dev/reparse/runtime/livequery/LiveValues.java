package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * REST values in the shape the store compares them in, and Mongo's equality and ordering over that
 * shape. Dates are instants everywhere; at the top level of an object a pointer compares as its stored
 * {@code Class$id} string and a file as its name, while inside arrays and objects they stay
 * documents. Ordering follows Mongo's type bracketing: only numbers with numbers, strings with
 * strings, dates with dates and booleans with booleans compare; anything else does not match.
 */
final class LiveValues {
    /** A path that reaches no value (Mongo's "missing", which equality with null matches). */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "(missing)";
        }
    };

    /** Fields the REST form carries as bare ISO strings although they are dates. */
    private static final Set<String> ISO_DATE_FIELDS = Set.of("createdAt", "updatedAt");

    private LiveValues() {
    }

    /** A pointer; at the top level it is stored as the string {@code className$objectId}. */
    record PointerRef(String className, String objectId) {
        String stored() {
            return className + "$" + objectId;
        }
    }

    /** A file operand, or a file inside an array or object (a top-level file is its name). */
    record FileRef(String name) {
    }

    /** A GeoPoint, stored as a legacy {@code [lng, lat]} pair. */
    record GeoPoint(double latitude, double longitude) {
    }

    /** Binary data, compared by its content. */
    record Bytes(String base64) {
    }

    /** A Polygon field's value: REST {@code [lat, lng]} pairs. */
    record Polygon(List<GeoPoint> points) {
    }

    /** A field's value as the object holds it at its top level. */
    static Object topLevel(String key, Object rest) {
        if (rest instanceof String iso && ISO_DATE_FIELDS.contains(key)) {
            try {
                return ParseDates.parse(iso);
            } catch (ParseException e) {
                return iso;
            }
        }
        if (rest instanceof Map<?, ?> map && map.get("__type") instanceof String type) {
            return switch (type) {
                case "File" -> map.get("name") instanceof String name ? name : interior(rest);
                case "GeoPoint" -> geoPoint(map, rest);
                case "Polygon" -> polygon(map, rest);
                case "Relation" -> MISSING; // the object's document does not hold a relation
                default -> interior(rest);
            };
        }
        return interior(rest);
    }

    /** A value inside an array or object, or an operand. */
    static Object interior(Object rest) {
        if (rest instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(interior(element)));
            return out;
        }
        if (!(rest instanceof Map<?, ?> map)) {
            return rest;
        }
        if (map.get("__type") instanceof String type) {
            Object typed = typed(type, map);
            if (typed != null) {
                return typed;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(String.valueOf(key), interior(value)));
        return out;
    }

    /** Whether a map inside an object is stored as a document (dates and bytes are stored as BSON values). */
    static boolean isDocument(Map<?, ?> map) {
        Object type = map.get("__type");
        return !("Date".equals(type) && map.get("iso") instanceof String || "Bytes".equals(type) && map.get("base64") instanceof String);
    }

    /** A query operand: like an interior value, with files, geo points and polygons as their own kinds. */
    static Object operand(Object rest) {
        if (rest instanceof Map<?, ?> map && map.get("__type") instanceof String type) {
            return switch (type) {
                case "File" -> map.get("name") instanceof String name ? new FileRef(name) : interior(rest);
                case "GeoPoint" -> geoPoint(map, rest);
                case "Polygon" -> polygon(map, rest);
                default -> interior(rest);
            };
        }
        return interior(rest);
    }

    private static Object typed(String type, Map<?, ?> map) {
        return switch (type) {
            case "Date" -> map.get("iso") instanceof String iso ? parseOrNull(iso) : null;
            case "Pointer" -> map.get("className") instanceof String className && map.get("objectId") instanceof String id
                    ? new PointerRef(className, id) : null;
            case "Bytes" -> map.get("base64") instanceof String base64 ? new Bytes(base64) : null;
            default -> null;
        };
    }

    private static Object geoPoint(Map<?, ?> map, Object rest) {
        if (map.get("latitude") instanceof Number latitude && map.get("longitude") instanceof Number longitude) {
            return new GeoPoint(latitude.doubleValue(), longitude.doubleValue());
        }
        return rest == null ? null : interior(rest);
    }

    private static Object polygon(Map<?, ?> map, Object rest) {
        if (!(map.get("coordinates") instanceof List<?> coordinates)) {
            return interior(rest);
        }
        List<GeoPoint> points = new ArrayList<>(coordinates.size());
        for (Object point : coordinates) {
            if (!(point instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number latitude)
                    || !(pair.get(1) instanceof Number longitude)) {
                return interior(rest);
            }
            points.add(new GeoPoint(latitude.doubleValue(), longitude.doubleValue()));
        }
        return new Polygon(List.copyOf(points));
    }

    static Instant parseOrNull(String iso) {
        try {
            return ParseDates.parse(iso);
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * Mongo's equality of a stored value with an operand (no array expansion here).
     *
     * @param topLevel whether {@code value} is a field's own value, where the schema type decides how
     *     the operand is encoded: a string operand names a date on a Date field and an object id on a
     *     Pointer field
     */
    static boolean equal(Object value, Object operand, boolean topLevel) {
        if (value == null || operand == null) {
            return value == null && operand == null;
        }
        if (value instanceof Number a && operand instanceof Number b) {
            return compareNumbers(a, b) == 0;
        }
        if (operand instanceof String text) {
            return equalToString(value, text, topLevel);
        }
        return switch (value) {
            case String text when operand instanceof FileRef file -> text.equals(file.name());
            case String text when operand instanceof PointerRef pointer -> topLevel && text.equals(pointer.stored());
            case FileRef file when operand instanceof FileRef other -> file.name().equals(other.name());
            case Map<?, ?> map when operand instanceof FileRef file -> "File".equals(map.get("__type"))
                    && file.name().equals(map.get("name"));
            case Map<?, ?> map when operand instanceof GeoPoint point -> "GeoPoint".equals(map.get("__type"))
                    && point.equals(geoPoint(map, null));
            case List<?> list when operand instanceof List<?> other -> equalLists(list, other);
            case Map<?, ?> map when operand instanceof Map<?, ?> other -> equalDocuments(map, other);
            default -> value.equals(operand);
        };
    }

    private static boolean equalToString(Object value, String text, boolean topLevel) {
        return switch (value) {
            case String stored -> stored.equals(text);
            case Instant instant -> topLevel && instant.equals(parseOrNull(text));
            case PointerRef pointer -> topLevel && pointer.objectId().equals(text);
            default -> false;
        };
    }

    private static boolean equalLists(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i), false)) {
                return false;
            }
        }
        return true;
    }

    /** Documents are equal field by field; unlike Mongo the order of the fields does not matter. */
    private static boolean equalDocuments(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !equal(entry.getValue(), b.get(entry.getKey()), false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Mongo's ordering of a stored value against an operand of the same type bracket, or null when
     * they do not compare (then {@code $lt} and its kin do not match).
     */
    static Integer compare(Object value, Object operand, boolean topLevel) {
        if (value instanceof Number a && operand instanceof Number b) {
            return compareNumbers(a, b);
        }
        if (value instanceof Instant a) {
            Instant b = operand instanceof Instant instant ? instant
                    : topLevel && operand instanceof String text ? parseOrNull(text) : null;
            return b == null ? null : a.compareTo(b);
        }
        if (value instanceof Boolean a && operand instanceof Boolean b) {
            return a.compareTo(b);
        }
        String a = storedString(value, topLevel);
        String b = operand instanceof FileRef file ? file.name()
                : operand instanceof PointerRef pointer ? pointer.stored() : operand instanceof String text ? text : null;
        if (a == null || b == null) {
            return null;
        }
        if (value instanceof PointerRef pointer && operand instanceof String text) {
            b = pointer.className() + "$" + text; // the operand names an object id of the pointer's class
        }
        return Integer.signum(a.compareTo(b));
    }

    /** The string the store holds for the value, which {@code $regex} and string ordering see; null if none. */
    static String storedString(Object value, boolean topLevel) {
        if (value instanceof String text) {
            return text;
        }
        return topLevel && value instanceof PointerRef pointer ? pointer.stored() : null;
    }

    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y) ? 0 : Double.isNaN(x) ? -1 : 1; // Mongo sorts NaN lowest
        }
        return Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y);
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger && ((BigInteger) number).bitLength() < 64;
    }

    static boolean isNull(Object value) {
        return value == null || value == MISSING;
    }
}
