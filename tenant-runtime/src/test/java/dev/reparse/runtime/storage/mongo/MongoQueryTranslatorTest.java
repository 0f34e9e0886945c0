package dev.reparse.runtime.storage.mongo;

import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.date;
import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.object;
import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The where → Mongo filter translation, asserted on the generated document. Geo operators and
 * {@code $text} need a real MongoDB (2d/2dsphere and text indexes), which mongo-java-server lacks,
 * so these tests are their only automated coverage; the filters assume MongoDB ≥ 6 semantics.
 */
class MongoQueryTranslatorTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    static final ClassSchema SCHEMA = schema();

    static ClassSchema schema() {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("objectId", FieldType.of("String"));
        fields.put("createdAt", FieldType.of("Date"));
        fields.put("location", FieldType.of("GeoPoint"));
        fields.put("area", FieldType.of("Polygon"));
        fields.put("owner", FieldType.pointer("_User"));
        fields.put("tags", FieldType.of("Array"));
        fields.put("when", FieldType.of("Date"));
        fields.put("title", FieldType.of("String"));
        return new ClassSchema("Place", fields, Map.of(), Map.of());
    }

    static Document where(Object... keyValues) {
        return new QueryTranslator(SCHEMA, NOW, false).translate(object(keyValues));
    }

    static Document count(Object... keyValues) {
        return new QueryTranslator(SCHEMA, NOW, true).translate(object(keyValues));
    }

    static Map<String, Object> geoPoint(double latitude, double longitude) {
        return object("__type", "GeoPoint", "latitude", latitude, "longitude", longitude);
    }

    @Test
    void translatesNearSphereWithEachDistanceUnitToRadians() {
        assertEquals(Document.parse("{location: {$nearSphere: [20.0, 10.0], $maxDistance: 0.5}}"),
                where("location", object("$nearSphere", geoPoint(10, 20), "$maxDistanceInRadians", 0.5)));
        assertEquals(Document.parse("{location: {$nearSphere: [20.0, 10.0], $maxDistance: 1.0}}"),
                where("location", object("$nearSphere", geoPoint(10, 20), "$maxDistanceInKilometers", 6371)));
        assertEquals(Document.parse("{location: {$nearSphere: [20.0, 10.0], $maxDistance: 2.0}}"),
                where("location", object("$nearSphere", geoPoint(10, 20), "$maxDistanceInMiles", 7918)));
        assertEquals(Document.parse("{location: {$nearSphere: [20.0, 10.0]}}"),
                where("location", object("$nearSphere", geoPoint(10, 20))));
    }

    @Test
    void countsNearSphereAsCenterSphereBecauseCountCannotSortByDistance() {
        assertEquals(Document.parse("{location: {$geoWithin: {$centerSphere: [[20.0, 10.0], 0.25]}}}"),
                count("location", object("$nearSphere", geoPoint(10, 20), "$maxDistance", 0.25)));
    }

    @Test
    void translatesWithinBoxToGeoWithinBox() {
        assertEquals(Document.parse("{location: {$geoWithin: {$box: [[1.0, 0.0], [3.0, 2.0]]}}}"),
                where("location", object("$within", object("$box", List.of(geoPoint(0, 1), geoPoint(2, 3))))));
    }

    @Test
    void translatesGeoWithinPolygonAndCenterSphere() {
        assertEquals(Document.parse("{location: {$geoWithin: {$polygon: [[1.0, 0.0], [2.0, 0.0], [2.0, 1.0]]}}}"),
                where("location", object("$geoWithin", object("$polygon",
                        List.of(geoPoint(0, 1), geoPoint(0, 2), geoPoint(1, 2))))));
        assertEquals(Document.parse("{location: {$geoWithin: {$centerSphere: [[20.0, 10.0], 0.1]}}}"),
                where("location", object("$geoWithin", object("$centerSphere", List.of(geoPoint(10, 20), 0.1)))));
    }

    @Test
    void translatesGeoIntersectsToAGeoJsonPoint() {
        assertEquals(Document.parse("{area: {$geoIntersects: {$geometry: {type: 'Point', coordinates: [20.0, 10.0]}}}}"),
                where("area", object("$geoIntersects", object("$point", geoPoint(10, 20)))));
    }

    @Test
    void refusesMalformedGeoConstraints() {
        assertThrows(ParseException.class, () -> where("location", object("$maxDistance", 1)));
        assertThrows(ParseException.class, () -> where("location", object("$within", object("$box", List.of()))));
        assertThrows(ParseException.class,
                () -> where("location", object("$geoWithin", object("$polygon", List.of(geoPoint(0, 0))))));
        assertThrows(ParseException.class, () -> where("location", object("$nearSphere", geoPoint(91, 0))));
    }

    @Test
    void liftsTextSearchToATopLevelTextOperator() {
        assertEquals(Document.parse("{$text: {$search: 'coffee', $language: 'en', $caseSensitive: true, "
                        + "$diacriticSensitive: true}}"),
                where("title", object("$text", object("$search", object("$term", "coffee", "$language", "en",
                        "$caseSensitive", true, "$diacriticSensitive", true)))));
        ParseException noTerm = assertThrows(ParseException.class,
                () -> where("title", object("$text", object("$search", object()))));
        assertEquals(102, noTerm.code());
    }

    @Test
    void encodesPointersAsStoredStrings() {
        assertEquals(new Document("_p_owner", "_User$u1"), where("owner", pointer("_User", "u1")));
        assertEquals(new Document("_p_owner", new Document("$in", List.of("_User$u1", "_User$u2"))),
                where("owner", object("$in", List.of(pointer("_User", "u1"), "u2"))));
    }

    @Test
    void matchesArrayElementsWithAllAndNegatesContainedBy() {
        assertEquals(new Document("tags", new Document("$all", List.of("x"))), where("tags", "x"));
        assertEquals(new Document("$nor", List.of(new Document("tags",
                        new Document("$elemMatch", new Document("$nin", List.of("x", "y")))))),
                where("tags", object("$containedBy", List.of("x", "y"))));
        assertEquals(new Document("tags", new Document("$all", List.of(new Document("__type", "Pointer")
                        .append("className", "_User").append("objectId", "u1")))),
                where("tags", pointer("_User", "u1")));
    }

    @Test
    void translatesDatesAndRelativeTimes() {
        assertEquals(new Document("_created_at", new Document("$lt", Date.from(Instant.parse("2024-01-01T00:00:00Z")))),
                where("createdAt", object("$lt", date("2024-01-01T00:00:00.000Z"))));
        assertEquals(new Document("when", new Document("$gte", Date.from(NOW.minusSeconds(2 * 86400 + 3 * 3600)))),
                where("when", object("$gte", object("$relativeTime", "2 days 3 hours ago"))));
        assertEquals(new Document("when", new Document("$lt", Date.from(NOW))),
                where("when", object("$lt", object("$relativeTime", "now"))));
        for (String bad : List.of("2 days", "in 2 days ago", "in two days", "in 2 fortnights", "in 2")) {
            ParseException error = assertThrows(ParseException.class,
                    () -> where("when", object("$gt", object("$relativeTime", bad))), bad);
            assertEquals(102, error.code(), bad);
        }
        assertThrows(ParseException.class, () -> where("when", object("$eq", object("$relativeTime", "now"))));
        assertThrows(ParseException.class, () -> where("title", object("$lt", object("$relativeTime", "now"))));
    }

    @Test
    void translatesRegexAllStartsWithAndPermissionKeys() {
        assertEquals(new Document("title", new Document("$regex", "^a").append("$options", "i")),
                where("title", object("$regex", "^a", "$options", "i")));
        assertEquals(new Document("tags", new Document("$all", List.of(new BsonRegularExpression("^\\Qa\\E")))),
                where("tags", object("$all", List.of(object("$regex", "^\\Qa\\E")))));
        assertThrows(ParseException.class,
                () -> where("tags", object("$all", List.of(object("$regex", "^\\Qa\\E"), "b"))));
        assertEquals(Document.parse("{_rperm: {$in: [null, '*', 'u1']}}"),
                where("_rperm", object("$in", java.util.Arrays.asList(null, "*", "u1"))));
        assertThrows(ParseException.class, () -> where("_rperm", object("$where", "1")));
    }

    @Test
    void andsTwoConstraintsThatLandOnTheSameStoredKey() {
        Document filter = where("tags", object("$containedBy", List.of("x")),
                "$nor", List.of(object("title", "a")));
        assertEquals(2, filter.getList("$nor", Object.class).size());
    }

    @Test
    void refusesOperatorsParseDoesNotDefine() {
        for (String operator : List.of("$where", "$expr", "$function", "$accumulator", "$jsonSchema")) {
            assertEquals(102, assertThrows(ParseException.class, () -> where(operator, "x")).code());
            assertEquals(102, assertThrows(ParseException.class,
                    () -> where("title", object(operator, "x"))).code());
        }
        assertEquals(102, assertThrows(ParseException.class,
                () -> where("title", object("$inQuery", object()))).code());
        assertEquals(102, assertThrows(ParseException.class, () -> where("$or", "x")).code());
        assertEquals(102, assertThrows(ParseException.class,
                () -> where("title", object("$eq", "a", "other", 1))).code());
    }

    @Test
    void buildsTextScoreSortAndOverlapFreeProjection() {
        assertEquals(Document.parse("{score: {$meta: 'textScore'}, _created_at: -1, _p_owner: 1}"),
                FindOptions.sort(SCHEMA, List.of("$score", "-createdAt", "owner")));
        Document projection = FindOptions.projection(SCHEMA, java.util.Set.of("owner", "meta", "meta.a", "ACL"));
        assertEquals(Document.parse("{_id: 1, _created_at: 1, _updated_at: 1, _rperm: 1, _wperm: 1, meta: 1, _p_owner: 1}"),
                projection);
    }
}
