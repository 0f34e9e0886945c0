package dev.reparse.runtime.storage.mongo;

import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.date;
import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.object;
import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** REST updates and objects to Mongo documents, asserted on the generated document. */
class MongoUpdateTranslatorTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final Date NOW_DATE = Date.from(NOW);

    static Document update(Object... keyValues) {
        return UpdateTranslator.translate("Place", MongoQueryTranslatorTest.SCHEMA, object(keyValues), NOW);
    }

    static Document pointerDocument(String className, String id) {
        return new Document("__type", "Pointer").append("className", className).append("objectId", id);
    }

    @Test
    void mapsEachOperationToItsMongoOperator() {
        Document mongo = update(
                "n", object("__op", "Increment", "amount", 2),
                "tags", object("__op", "AddUnique", "objects", List.of("a", pointer("_User", "u1"))),
                "list", object("__op", "Add", "objects", List.of(1)),
                "gone", object("__op", "Remove", "objects", List.of(object("k", date("2020-01-01T00:00:00.000Z")))),
                "old", object("__op", "Delete"),
                "title", "x");

        assertEquals(new Document("n", 2), mongo.get("$inc"));
        assertEquals(new Document("tags", new Document("$each", List.of("a", pointerDocument("_User", "u1")))),
                mongo.get("$addToSet"));
        assertEquals(new Document("list", new Document("$each", List.of(1))), mongo.get("$push"));
        assertEquals(new Document("gone", List.of(new Document("k", Date.from(Instant.parse("2020-01-01T00:00:00Z"))))),
                mongo.get("$pullAll"));
        assertEquals(new Document("old", ""), mongo.get("$unset"));
        assertEquals(new Document("title", "x").append("_updated_at", NOW_DATE), mongo.get("$set"));
    }

    @Test
    void setsPointersAclAndDotPathsAsParseServerDoes() {
        Document set = (Document) update(
                "owner", pointer("_User", "u1"),
                "ACL", object("u1", object("read", true, "write", true)),
                "meta.when", date("2020-01-01T00:00:00.000Z"),
                "updatedAt", "2024-06-01T00:00:00.000Z").get("$set");

        assertEquals("_User$u1", set.get("_p_owner"));
        assertEquals(List.of("u1"), set.get("_rperm"));
        assertEquals(List.of("u1"), set.get("_wperm"));
        assertEquals(new Document("u1", new Document("w", true).append("r", true)), set.get("_acl"));
        assertEquals(new Document("__type", "Date").append("iso", "2020-01-01T00:00:00.000Z"), set.get("meta.when"));
        assertEquals(Date.from(Instant.parse("2024-06-01T00:00:00Z")), set.get("_updated_at"));
    }

    @Test
    void refusesUnknownOperationsAndNestedOperatorKeys() {
        assertEquals(108, assertThrows(ParseException.class,
                () -> update("x", object("__op", "Multiply", "amount", 2))).code());
        assertEquals(107, assertThrows(ParseException.class,
                () -> update("x", object("__op", "Increment", "amount", "2"))).code());
        assertEquals(121, assertThrows(ParseException.class,
                () -> update("x", object("a", object("$where", 1)))).code());
        assertEquals(121, assertThrows(ParseException.class,
                () -> ObjectEncoder.encode("Place", MongoQueryTranslatorTest.SCHEMA, object("x", object("a.b", 1)))).code());
    }

    @Test
    void leavesRelationOperationsToTheCaller() {
        Document mongo = update("likes", object("__op", "AddRelation", "objects", List.of(pointer("_User", "u1"))));
        assertEquals(new Document("$set", new Document("_updated_at", NOW_DATE)), mongo);
    }

    @Test
    void encodesNestedValuesWithDatesAsBsonAndPointersAsMaps() {
        Document stored = ObjectEncoder.encode("Place", MongoQueryTranslatorTest.SCHEMA, object(
                "meta", object("at", date("2020-01-01T00:00:00.000Z"), "by", pointer("_User", "u1"),
                        "spot", object("__type", "GeoPoint", "latitude", 1, "longitude", 2))));
        assertEquals(new Document("at", Date.from(Instant.parse("2020-01-01T00:00:00Z")))
                .append("by", pointerDocument("_User", "u1"))
                .append("spot", new Document("__type", "GeoPoint").append("latitude", 1).append("longitude", 2)),
                stored.get("meta"));
    }

    @Test
    void refusesPolygonsWithFewerThanThreeDistinctPoints() {
        assertThrows(ParseException.class, () -> ObjectEncoder.encode("Place", MongoQueryTranslatorTest.SCHEMA,
                object("area", object("__type", "Polygon", "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(0, 0))))));
    }
}
