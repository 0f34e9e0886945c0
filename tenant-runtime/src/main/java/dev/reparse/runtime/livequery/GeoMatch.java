package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.livequery.LiveValues.GeoPoint;
import dev.reparse.runtime.livequery.LiveValues.Polygon;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parse's geo constraints decided on one value, with the operands validated as a REST find validates
 * them. GeoPoint fields are legacy {@code [lng, lat]} points in the store: {@code $nearSphere} and
 * {@code $centerSphere} measure great-circle distance in radians, {@code $box} and {@code $polygon}
 * are flat, boundaries included. {@code $geoIntersects} on a Polygon field tests the point against the
 * polygon's edges drawn flat in latitude/longitude, where Mongo draws them as great-circle arcs; the
 * two agree except for points very near a long edge.
 */
final class GeoMatch {
    static final Set<String> OPERATORS = Set.of("$nearSphere", "$maxDistance", "$maxDistanceInRadians",
            "$maxDistanceInMiles", "$maxDistanceInKilometers", "$within", "$geoWithin", "$geoIntersects");

    private static final double EARTH_RADIUS_MILES = 3959;
    private static final double EARTH_RADIUS_KILOMETERS = 6371;

    private GeoMatch() {
    }

    /** The geo tests of one field's constraint (none when it has no geo operator). */
    static List<Predicate<Object>> compile(Map<String, Object> constraint) {
        List<Predicate<Object>> tests = new ArrayList<>();
        Double maxDistance = maxDistance(constraint);
        if (constraint.containsKey("$nearSphere")) {
            GeoPoint center = geoPoint(constraint.get("$nearSphere"), "$nearSphere");
            double radius = maxDistance == null ? Double.POSITIVE_INFINITY : maxDistance;
            tests.add(value -> value instanceof GeoPoint point && radians(center, point) <= radius);
        } else if (maxDistance != null) {
            throw ParseException.invalidJson("$maxDistance needs $nearSphere");
        }
        if (constraint.containsKey("$within") && constraint.containsKey("$geoWithin")) {
            throw ParseException.invalidJson("use either $within or $geoWithin");
        }
        if (constraint.containsKey("$within")) {
            tests.add(box(constraint.get("$within")));
        }
        if (constraint.containsKey("$geoWithin")) {
            tests.add(geoWithin(constraint.get("$geoWithin")));
        }
        if (constraint.containsKey("$geoIntersects")) {
            if (!(constraint.get("$geoIntersects") instanceof Map<?, ?> intersects)) {
                throw ParseException.invalidJson("bad $geoIntersect value; $point should be GeoPoint");
            }
            GeoPoint point = geoPoint(intersects.get("$point"), "$geoIntersects $point");
            tests.add(value -> value instanceof Polygon polygon && contains(polygon.points(), point));
        }
        return tests;
    }

    private static Double maxDistance(Map<String, Object> constraint) {
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
            return number(constraint.get("$maxDistanceInKilometers"), "$maxDistanceInKilometers") / EARTH_RADIUS_KILOMETERS;
        }
        return null;
    }

    /** {@code {$box: [southwest, northeast]}}; like Mongo, the corners are sorted into a box whatever their order. */
    private static Predicate<Object> box(Object within) {
        if (!(within instanceof Map<?, ?> map) || !(map.get("$box") instanceof List<?> corners) || corners.size() != 2) {
            throw ParseException.invalidJson("malformatted $within arg");
        }
        GeoPoint a = geoPoint(corners.get(0), "$box");
        GeoPoint b = geoPoint(corners.get(1), "$box");
        double minLat = Math.min(a.latitude(), b.latitude());
        double maxLat = Math.max(a.latitude(), b.latitude());
        double minLng = Math.min(a.longitude(), b.longitude());
        double maxLng = Math.max(a.longitude(), b.longitude());
        return value -> value instanceof GeoPoint point && point.latitude() >= minLat && point.latitude() <= maxLat
                && point.longitude() >= minLng && point.longitude() <= maxLng;
    }

    private static Predicate<Object> geoWithin(Object geoWithin) {
        if (!(geoWithin instanceof Map<?, ?> map)) {
            throw ParseException.invalidJson("bad $geoWithin value");
        }
        if (map.containsKey("$polygon")) {
            List<GeoPoint> ring = polygonPoints(map.get("$polygon"));
            return value -> value instanceof GeoPoint point && contains(ring, point);
        }
        if (map.containsKey("$centerSphere")) {
            if (!(map.get("$centerSphere") instanceof List<?> args) || args.size() < 2) {
                throw ParseException.invalidJson(
                        "bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance");
            }
            GeoPoint center = pairOrGeoPoint(args.get(0), "$centerSphere");
            double radius = number(args.get(1), "$centerSphere distance");
            if (radius < 0) {
                throw ParseException.invalidJson("bad $geoWithin value; $centerSphere distance invalid");
            }
            return value -> value instanceof GeoPoint point && radians(center, point) <= radius;
        }
        throw ParseException.invalidJson("bad $geoWithin value; use $polygon or $centerSphere");
    }

    /** A Polygon object's or a GeoPoint array's points; as in a REST find, a number pair is read as {@code [lng, lat]}. */
    private static List<GeoPoint> polygonPoints(Object polygon) {
        List<?> points;
        if (polygon instanceof Map<?, ?> map && "Polygon".equals(map.get("__type"))) {
            points = map.get("coordinates") instanceof List<?> list ? list : List.of();
        } else if (polygon instanceof List<?> list) {
            points = list;
        } else {
            throw ParseException.invalidJson(
                    "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's");
        }
        if (points.size() < 3) {
            throw ParseException.invalidJson("bad $geoWithin value; $polygon should contain at least 3 GeoPoints");
        }
        List<GeoPoint> out = new ArrayList<>(points.size());
        points.forEach(point -> out.add(pairOrGeoPoint(point, "$geoWithin")));
        return List.copyOf(out);
    }

    private static GeoPoint pairOrGeoPoint(Object point, String what) {
        if (point instanceof List<?> pair && pair.size() == 2) {
            return new GeoPoint(coordinate(pair.get(1), 90, "latitude"), coordinate(pair.get(0), 180, "longitude"));
        }
        return geoPoint(point, what);
    }

    private static GeoPoint geoPoint(Object value, String what) {
        if (!(value instanceof Map<?, ?> map) || !"GeoPoint".equals(map.get("__type"))) {
            throw ParseException.invalidJson("bad " + what + " value; should be a GeoPoint");
        }
        return new GeoPoint(coordinate(map.get("latitude"), 90, "latitude"), coordinate(map.get("longitude"), 180, "longitude"));
    }

    private static double coordinate(Object value, double bound, String name) {
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue()) || Math.abs(number.doubleValue()) > bound) {
            throw ParseException.invalidJson("GeoPoint " + name + " should be a number between -" + (int) bound + " and "
                    + (int) bound);
        }
        return number.doubleValue();
    }

    private static double number(Object value, String what) {
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            throw ParseException.invalidJson("bad " + what + " value; should be a number");
        }
        return number.doubleValue();
    }

    /** Great-circle distance in radians (haversine). */
    static double radians(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Whether the point is inside the ring or on its edge, in flat longitude (x) / latitude (y). */
    static boolean contains(List<GeoPoint> ring, GeoPoint point) {
        double x = point.longitude();
        double y = point.latitude();
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double xi = ring.get(i).longitude();
            double yi = ring.get(i).latitude();
            double xj = ring.get(j).longitude();
            double yj = ring.get(j).latitude();
            if (onSegment(x, y, xi, yi, xj, yj)) {
                return true;
            }
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean onSegment(double x, double y, double x1, double y1, double x2, double y2) {
        double cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
        if (Math.abs(cross) > 1e-12) {
            return false;
        }
        return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
    }
}
