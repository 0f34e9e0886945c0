package dev.reparse.runtime.livequery;

import static dev.reparse.runtime.livequery.QueryMatcherTest.matches;
import static dev.reparse.runtime.livequery.QueryMatcherTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Geo constraints, with distances checked against known great-circle figures (mongo-java-server, the
 * test store, has no geo support, so these cases stand in for the cross-check with a find).
 */
class QueryMatcherGeoTest {
    /** San Francisco and Los Angeles: about 559 km, 347 miles, 0.0877 radians apart. */
    static final String SF = "{'__type': 'GeoPoint', 'latitude': 37.7749, 'longitude': -122.4194}";
    static final String LA = "{'__type': 'GeoPoint', 'latitude': 34.0522, 'longitude': -118.2437}";

    static String at(String point) {
        return "{'loc': " + point + "}";
    }

    static String point(double latitude, double longitude) {
        return "{'__type': 'GeoPoint', 'latitude': " + latitude + ", 'longitude': " + longitude + "}";
    }

    @Test
    void nearSphereWithoutADistanceMatchesAnyPoint() {
        assertTrue(matches("{'loc': {'$nearSphere': " + SF + "}}", at(LA)));
        assertFalse(matches("{'loc': {'$nearSphere': " + SF + "}}", "{}"));
        assertFalse(matches("{'loc': {'$nearSphere': " + SF + "}}", "{'loc': 'SF'}"));
    }

    @Test
    void maxDistanceInEveryUnitBoundsTheGreatCircleDistance() {
        assertTrue(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistanceInKilometers': 600}}", at(LA)));
        assertFalse(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistanceInKilometers': 500}}", at(LA)));
        assertTrue(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistanceInMiles': 360}}", at(LA)));
        assertFalse(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistanceInMiles': 330}}", at(LA)));
        assertTrue(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistanceInRadians': 0.09}}", at(LA)));
        assertFalse(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistance': 0.085}}", at(LA)));
        assertTrue(matches("{'loc': {'$nearSphere': " + SF + ", '$maxDistance': 0}}", at(SF)));
    }

    @Test
    void distanceIsMeasuredAcrossTheDateLine() {
        // 179.5 E and 179.5 W are one degree of longitude apart on the equator (~111 km)
        assertTrue(matches("{'loc': {'$nearSphere': " + point(0, 179.5) + ", '$maxDistanceInKilometers': 120}}",
                at(point(0, -179.5))));
    }

    @Test
    void withinBoxIncludesItsEdgesAndExcludesOutside() {
        String box = "{'loc': {'$within': {'$box': [" + point(30, -125) + ", " + point(40, -115) + "]}}}";
        assertTrue(matches(box, at(SF)));
        assertTrue(matches(box, at(LA)));
        assertTrue(matches(box, at(point(40, -120))));
        assertFalse(matches(box, at(point(41, -120))));
        assertFalse(matches(box, at(point(35, -110))));
    }

    @Test
    void geoWithinPolygonOfGeoPoints() {
        String triangle = "{'loc': {'$geoWithin': {'$polygon': [" + point(0, 0) + ", " + point(10, 0) + ", "
                + point(0, 10) + "]}}}";
        assertTrue(matches(triangle, at(point(2, 2))));
        assertFalse(matches(triangle, at(point(6, 6))));
        assertTrue(matches(triangle, at(point(0, 5))), "a point on an edge is within");
        assertTrue(matches(triangle, at(point(0, 0))), "a vertex is within");
    }

    @Test
    void geoWithinPolygonReadsNumberPairsAsLongitudeLatitudeLikeAFind() {
        // the pairs are [lng, lat]: the square spans longitudes 0..20 and latitudes 0..5
        String square = "{'loc': {'$geoWithin': {'$polygon': [[0, 0], [20, 0], [20, 5], [0, 5]]}}}";
        assertTrue(matches(square, at(point(4, 15))));
        assertFalse(matches(square, at(point(15, 4))));
    }

    @Test
    void geoWithinCenterSphereBoundsTheDistanceInRadians() {
        String near = "{'loc': {'$geoWithin': {'$centerSphere': [[-122.4194, 37.7749], 0.09]}}}";
        String tooNear = "{'loc': {'$geoWithin': {'$centerSphere': [" + SF + ", 0.08]}}}";
        assertTrue(matches(near, at(LA)));
        assertFalse(matches(tooNear, at(LA)));
    }

    @Test
    void geoIntersectsTellsWhetherAPolygonHoldsThePoint() {
        // Parse's Polygon coordinates are [latitude, longitude]
        String object = "{'area': {'__type': 'Polygon', 'coordinates': [[0, 0], [0, 10], [10, 10], [10, 0]]}}";
        assertTrue(matches("{'area': {'$geoIntersects': {'$point': " + point(5, 5) + "}}}", object));
        assertTrue(matches("{'area': {'$geoIntersects': {'$point': " + point(0, 5) + "}}}", object));
        assertFalse(matches("{'area': {'$geoIntersects': {'$point': " + point(11, 5) + "}}}", object));
        assertFalse(matches("{'area': {'$geoIntersects': {'$point': " + point(5, 5) + "}}}", "{'area': [1, 2]}"));
        assertFalse(matches("{'area': {'$geoIntersects': {'$point': " + point(5, 5) + "}}}", at(point(5, 5))));
    }

    @Test
    void aConcavePolygonExcludesItsNotch() {
        // a U shape: latitudes 0..10, longitudes 0..9 with the notch longitudes 3..6 above latitude 3
        String u = "{'area': {'__type': 'Polygon', 'coordinates': [[0, 0], [10, 0], [10, 3], [3, 3], [3, 6], [10, 6],"
                + " [10, 9], [0, 9]]}}";
        assertTrue(matches("{'area': {'$geoIntersects': {'$point': " + point(8, 1) + "}}}", u));
        assertFalse(matches("{'area': {'$geoIntersects': {'$point': " + point(8, 4.5) + "}}}", u));
        assertTrue(matches("{'area': {'$geoIntersects': {'$point': " + point(1, 4.5) + "}}}", u));
    }

    @Test
    void geoOperatorsOnlyMatchAFieldsOwnGeoPoint() {
        assertFalse(matches("{'meta.loc': {'$nearSphere': " + SF + "}}", "{'meta': {'loc': " + SF + "}}"));
        assertFalse(matches("{'locs': {'$nearSphere': " + SF + "}}", "{'locs': [" + SF + "]}"));
    }

    @Test
    void malformedGeoOperandsAreRefusedAsAFindRefusesThem() {
        assertEquals(107, refused("{'loc': {'$nearSphere': [1, 2]}}").code());
        assertEquals(107, refused("{'loc': {'$maxDistance': 1}}").code());
        assertEquals(107, refused("{'loc': {'$nearSphere': " + SF + ", '$maxDistance': 'far'}}").code());
        assertEquals(107, refused("{'loc': {'$nearSphere': " + point(91, 0) + "}}").code());
        assertEquals(107, refused("{'loc': {'$within': {'$box': [" + SF + "]}}}").code());
        assertEquals(107, refused("{'loc': {'$within': {'$box': [" + SF + ", " + LA + "]},"
                + " '$geoWithin': {'$centerSphere': [" + SF + ", 1]}}}").code());
        assertEquals(107, refused("{'loc': {'$geoWithin': {'$polygon': [" + SF + ", " + LA + "]}}}").code());
        assertEquals(107, refused("{'loc': {'$geoWithin': {'$centerSphere': [" + SF + ", -1]}}}").code());
        assertEquals(107, refused("{'loc': {'$geoWithin': {'$circle': 1}}}").code());
        assertEquals(107, refused("{'area': {'$geoIntersects': {'$point': [1, 2]}}}").code());
    }
}
