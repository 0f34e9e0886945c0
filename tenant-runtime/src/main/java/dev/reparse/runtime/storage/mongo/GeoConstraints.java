package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Parse's geo constraints to Mongo's, on legacy {@code [lng, lat]} pairs (GeoPoint fields) and
 * GeoJSON polygons (Polygon fields).
 */
final class GeoConstraints {
    static final Set<String> OPERATORS = Set.of("$nearSphere", "$maxDistance", "$maxDistanceInRadians",
            "$maxDistanceInMiles", "$maxDistanceInKilometers", "$within", "$geoWithin", "$geoIntersects");

    private static final double EARTH_RADIUS_MILES = 3959;
    private static final double EARTH_RADIUS_KILOMETERS = 6371;

    private GeoConstraints() {
    }

    static void translate(Map<?, ?> constraint, boolean forCount, Document answer) {
        Double maxDistance = maxDistance(constraint);
        if (constraint.containsKey("$nearSphere")) {
            nearSphere(RestToBson.lngLat(constraint.get("$nearSphere"), "$nearSphere"), maxDistance, forCount, answer);
        } else if (maxDistance != null) {
            throw ParseException.invalidQuery("$maxDistance needs $nearSphere");
        }
        if (constraint.containsKey("$within") && constraint.containsKey("$geoWithin")) {
            throw ParseException.invalidQuery("use either $within or $geoWithin");
        }
        if (constraint.containsKey("$within")) {
            answer.put("$geoWithin", box(constraint.get("$within")));
        }
        if (constraint.containsKey("$geoWithin")) {
            answer.put("$geoWithin", geoWithin(constraint.get("$geoWithin")));
        }
        if (constraint.containsKey("$geoIntersects")) {
            answer.put("$geoIntersects", geoIntersects(constraint.get("$geoIntersects")));
        }
    }

    /**
     * {@code $nearSphere} sorts by distance, which a count cannot run; Parse Server counts with the
     * equivalent {@code $centerSphere} instead (a whole-sphere radius when no distance is given).
     */
    private static void nearSphere(List<Object> point, Double maxDistance, boolean forCount, Document answer) {
        if (forCount) {
            answer.put("$geoWithin", new Document("$centerSphere",
                    List.of(point, maxDistance == null ? Math.PI : maxDistance)));
            return;
        }
        answer.put("$nearSphere", point);
        if (maxDistance != null) {
            answer.put("$maxDistance", maxDistance);
        }
    }

    /** The distance in radians from whichever unit was given. */
    private static Double maxDistance(Map<?, ?> constraint) {
        if (constraint.containsKey("$maxDistance")) {
            return number(constraint.get("$maxDistance"), "$maxDistance");
        }
        if (constraint.containsKey("$maxDistanceInRadians")) {
            return number(constraint.get("$maxDistanceInRadians"), "$maxDistanceInRadians");
        }
        if (constraint.containsKey("$maxDistanceInMiles")) {
            return number(constraint.get("$maxDistanceInMiles"), "$maxDistanceInMiles") / EARTH_RADIUS_MILES;
        }
        if (constraint.containsKey("$maxDistanceInKilometers")) {
            return number(constraint.get("$maxDistanceInKilometers"), "$maxDistanceInKilometers")
                    / EARTH_RADIUS_KILOMETERS;
        }
        return null;
    }

    /** Parse's {@code $within: {$box: [southwest, northeast]}}, written as the non-deprecated {@code $geoWithin}. */
    private static Document box(Object within) {
        if (!(within instanceof Map<?, ?> map) || !(map.get("$box") instanceof List<?> corners) || corners.size() != 2) {
            throw ParseException.invalidQuery("malformatted $within arg");
        }
        return new Document("$box", List.of(RestToBson.lngLat(corners.get(0), "$box"),
                RestToBson.lngLat(corners.get(1), "$box")));
    }

    private static Document geoWithin(Object geoWithin) {
        if (!(geoWithin instanceof Map<?, ?> map)) {
            throw ParseException.invalidQuery("bad $geoWithin value");
        }
        if (map.containsKey("$polygon")) {
            return new Document("$polygon", polygonPoints(map.get("$polygon")));
        }
        if (map.containsKey("$centerSphere")) {
            return new Document("$centerSphere", centerSphere(map.get("$centerSphere")));
        }
        throw ParseException.invalidQuery("bad $geoWithin value; use $polygon or $centerSphere");
    }

    /**
     * Points of a Polygon object or an array of GeoPoints. As in Parse Server, a point given as a
     * number pair is used as stored ({@code [lng, lat]}); a GeoPoint is converted.
     */
    private static List<Object> polygonPoints(Object polygon) {
        List<?> points;
        if (polygon instanceof Map<?, ?> map && "Polygon".equals(map.get("__type"))) {
            points = map.get("coordinates") instanceof List<?> list ? list : List.of();
        } else if (polygon instanceof List<?> list) {
            points = list;
        } else {
            throw ParseException.invalidQuery(
                    "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's");
        }
        if (points.size() < 3) {
            throw ParseException.invalidQuery("bad $geoWithin value; $polygon should contain at least 3 GeoPoints");
        }
        List<Object> out = new ArrayList<>(points.size());
        points.forEach(point -> out.add(pairOrGeoPoint(point, "$geoWithin")));
        return out;
    }

    private static List<Object> centerSphere(Object centerSphere) {
        if (!(centerSphere instanceof List<?> args) || args.size() < 2) {
            throw ParseException.invalidQuery(
                    "bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance");
        }
        double distance = number(args.get(1), "$centerSphere distance");
        if (distance < 0) {
            throw ParseException.invalidQuery("bad $geoWithin value; $centerSphere distance invalid");
        }
        return List.of(pairOrGeoPoint(args.get(0), "$centerSphere"), args.get(1));
    }

    private static Document geoIntersects(Object geoIntersects) {
        if (!(geoIntersects instanceof Map<?, ?> map)) {
            throw ParseException.invalidQuery("bad $geoIntersect value; $point should be GeoPoint");
        }
        List<Object> point = RestToBson.lngLat(map.get("$point"), "$geoIntersects $point");
        return new Document("$geometry", new Document("type", "Point").append("coordinates", point));
    }

    private static List<Object> pairOrGeoPoint(Object point, String what) {
        if (point instanceof List<?> pair && pair.size() == 2) {
            RestToBson.coordinate(pair.get(1), 90, "latitude");
            RestToBson.coordinate(pair.get(0), 180, "longitude");
            return new ArrayList<>(pair);
        }
        return RestToBson.lngLat(point, what);
    }

    private static double number(Object value, String what) {
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            throw ParseException.invalidQuery("bad " + what + " value; should be a number");
        }
        return number.doubleValue();
    }
}
