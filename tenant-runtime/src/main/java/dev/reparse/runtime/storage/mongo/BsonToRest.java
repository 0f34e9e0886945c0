package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseDates;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Stored BSON values back to their REST encodings, as Parse Server's untransform does. */
final class BsonToRest {
    private static final Pattern BASE64 =
            Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");

    private BsonToRest() {
    }

    /** A top-level field value, using the schema to recognise files, geopoints, polygons and bytes. */
    static Object topLevel(Object value, FieldType field) {
        if (field != null) {
            switch (field.type()) {
                case "File" -> {
                    if (value instanceof String name) {
                        return file(name);
                    }
                }
                case "GeoPoint" -> {
                    if (value instanceof List<?> pair && pair.size() == 2) {
                        return geoPoint(pair);
                    }
                }
                case "Polygon" -> {
                    if (value instanceof Map<?, ?> polygon && "Polygon".equals(polygon.get("type"))) {
                        return polygon(polygon);
                    }
                }
                case "Bytes" -> {
                    if (value instanceof String text && BASE64.matcher(text).matches()) {
                        return bytes(text);
                    }
                }
                default -> {
                    // decoded generically below
                }
            }
        }
        return nested(value);
    }

    /** Any value inside a document: dates and bytes get their REST form, everything else is plain JSON. */
    static Object nested(Object value) {
        if (value instanceof Date date) {
            return ParseDates.encode(date.toInstant());
        }
        if (value instanceof Binary binary) {
            return bytes(Base64.getEncoder().encodeToString(binary.getData()));
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue().doubleValue();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(nested(element)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            return nestedMap(map);
        }
        return value;
    }

    private static Map<String, Object> nestedMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean legacyDate = "Date".equals(map.get("__type")) && map.get("iso") instanceof Date;
        map.forEach((key, nested) -> out.put(String.valueOf(key),
                legacyDate && "iso".equals(key) ? ParseDates.format((Date) nested) : nested(nested)));
        return out;
    }

    static String isoString(Object value) {
        return value instanceof Date date ? ParseDates.format(date) : String.valueOf(value);
    }

    static Map<String, Object> pointer(String className, String objectId) {
        return dev.reparse.protocol.ParsePointers.of(className, objectId);
    }

    /** {@code Class$id} as a pointer, or null when the string is not one. */
    static Map<String, Object> pointerFromString(String stored) {
        int dollar = stored.indexOf('$');
        if (dollar <= 0) {
            return null;
        }
        return pointer(stored.substring(0, dollar), stored.substring(dollar + 1));
    }

    private static Map<String, Object> file(String name) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("__type", "File");
        file.put("name", name);
        return file;
    }

    private static Map<String, Object> geoPoint(List<?> lngLat) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("__type", "GeoPoint");
        point.put("latitude", lngLat.get(1));
        point.put("longitude", lngLat.get(0));
        return point;
    }

    private static Object polygon(Map<?, ?> geoJson) {
        if (!(geoJson.get("coordinates") instanceof List<?> rings) || rings.isEmpty()
                || !(rings.get(0) instanceof List<?> ring)) {
            return nested(geoJson);
        }
        List<Object> latLng = new ArrayList<>(ring.size());
        for (Object point : ring) {
            if (!(point instanceof List<?> pair) || pair.size() != 2) {
                return nested(geoJson);
            }
            latLng.add(List.of(pair.get(1), pair.get(0)));
        }
        Map<String, Object> polygon = new LinkedHashMap<>();
        polygon.put("__type", "Polygon");
        polygon.put("coordinates", latLng);
        return polygon;
    }

    private static Map<String, Object> bytes(String base64) {
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("__type", "Bytes");
        bytes.put("base64", base64);
        return bytes;
    }
}
