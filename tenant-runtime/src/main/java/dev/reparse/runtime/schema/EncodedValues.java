package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks the content of {@code {"__type": ...}} encodings before anything is stored, with the
 * messages of the Parse SDKs' {@code ParseGeoPoint} and {@code ParsePolygon} and of Parse Server's
 * Mongo transform (all code 111): Parse Server itself would store a bad date or an out-of-range
 * point, or fail half-way through the write.
 */
final class EncodedValues {
    private EncodedValues() {
    }

    static void checkDate(Map<?, ?> date) {
        if (!(date.get("iso") instanceof String iso)) {
            throw invalid("Date");
        }
        ParseDates.parse(iso); // 111 "Invalid date: ..."
    }

    static void checkGeoPoint(Map<?, ?> point) {
        checkCoordinates(point.get("latitude"), point.get("longitude"));
    }

    /** Parse's {@code [[latitude, longitude], ...]}, of at least three different points once the ring is closed. */
    static void checkPolygon(Map<?, ?> polygon) {
        if (!(polygon.get("coordinates") instanceof List<?> coordinates)) {
            throw incorrectType("Coordinates must be an Array");
        }
        if (coordinates.size() < 3) {
            throw incorrectType("Polygon must have at least 3 GeoPoints or Points");
        }
        List<List<Double>> distinct = new ArrayList<>();
        for (Object point : coordinates) {
            if (!(point instanceof List<?> pair) || pair.size() != 2) {
                throw incorrectType("Coordinates must be an Array of GeoPoints or Points");
            }
            checkCoordinates(pair.get(0), pair.get(1));
            List<Double> vertex = List.of(((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue());
            if (!distinct.contains(vertex)) {
                distinct.add(vertex);
            }
        }
        if (distinct.size() < 3) {
            throw incorrectType("GeoJSON: Loop must have at least 3 different vertices");
        }
    }

    static void checkBytes(Map<?, ?> bytes) {
        if (!(bytes.get("base64") instanceof String base64)) {
            throw invalid("Bytes");
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("Bytes");
        }
    }

    /** {@code ParseGeoPoint._validate}, whose messages print the number as JavaScript does. */
    private static void checkCoordinates(Object latitude, Object longitude) {
        if (!isNumber(latitude) || !isNumber(longitude)) {
            throw incorrectType("GeoPoint latitude and longitude must be valid numbers");
        }
        double lat = ((Number) latitude).doubleValue();
        double lng = ((Number) longitude).doubleValue();
        if (lat < -90.0 || lat > 90.0) {
            throw incorrectType("GeoPoint latitude out of bounds: " + SchemaErrors.jsString(latitude)
                    + (lat < 0 ? " < -90.0." : " > 90.0."));
        }
        if (lng < -180.0 || lng > 180.0) {
            throw incorrectType("GeoPoint longitude out of bounds: " + SchemaErrors.jsString(longitude)
                    + (lng < 0 ? " < -180.0." : " > 180.0."));
        }
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number number && !Double.isNaN(number.doubleValue());
    }

    private static ParseException invalid(String encoding) {
        return incorrectType("This is not a valid " + encoding);
    }

    private static ParseException incorrectType(String message) {
        return new ParseException(ParseErrorCode.INCORRECT_TYPE, message);
    }
}
