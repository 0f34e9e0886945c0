package dev.reparse.runtime.storage.mongo;

import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.date;
import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.object;
import static dev.reparse.runtime.storage.mongo.MongoStorageAdapterIntegrationTest.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.mongodb.client.MongoDatabase;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parse Server's MongoDB layout, both ways: documents written raw as Parse Server writes them are
 * read through the adapter, and what the adapter writes is read raw. Runs on mongo-java-server.
 */
class MongoLayoutIntegrationTest {
    MongoDatabase database;
    MongoStorageAdapter adapter;

    @BeforeEach
    void freshDatabase() {
        database = TestMongo.freshDatabase("layout");
        adapter = new MongoStorageAdapter(database);
    }

    static Date at(String iso) {
        return Date.from(Instant.parse(iso));
    }

    void writeParseServerPostSchema() {
        database.getCollection("_SCHEMA").insertOne(new Document("_id", "Post")
                .append("objectId", "string").append("updatedAt", "date").append("createdAt", "date")
                .append("title", "string").append("author", "*_User").append("likes", "relation<_User>")
                .append("location", "geopoint").append("image", "file").append("payload", "bytes")
                .append("area", "polygon").append("publishedAt", "date").append("extra", "object")
                .append("_metadata", new Document("class_permissions",
                        new Document("find", new Document("*", true)).append("get", new Document("*", true)))
                        .append("indexes", new Document("_id_", new Document("_id", 1)))));
    }

    @Test
    void readsObjectsWrittenByParseServer() {
        writeParseServerPostSchema();
        database.getCollection("Post").insertOne(new Document("_id", "p1")
                .append("title", "Hello")
                .append("_p_author", "_User$u1")
                .append("location", List.of(2.5, 48.8))
                .append("image", "abc_photo.png")
                .append("payload", new Binary("hi".getBytes()))
                .append("area", new Document("type", "Polygon").append("coordinates",
                        List.of(List.of(List.of(1, 0), List.of(1, 1), List.of(0, 1), List.of(1, 0)))))
                .append("publishedAt", at("2022-02-02T02:02:02.002Z"))
                .append("extra", new Document("when", at("2021-01-01T00:00:00Z"))
                        .append("who", new Document("__type", "Pointer").append("className", "_User").append("objectId", "u2")))
                .append("_rperm", List.of("*", "u1")).append("_wperm", List.of("u1"))
                .append("_acl", new Document("u1", new Document("w", true).append("r", true)).append("*", new Document("r", true)))
                .append("_created_at", at("2020-01-01T00:00:00Z")).append("_updated_at", at("2020-01-02T00:00:00Z")));

        ClassSchema schema = adapter.getClass("Post").orElseThrow();
        Map<String, Object> post = adapter.find("Post", schema, Map.of(), QueryOptions.limit(10)).getFirst();

        assertEquals(FieldType.pointer("_User"), schema.fields().get("author"));
        assertEquals(FieldType.relation("_User"), schema.fields().get("likes"));
        assertEquals(FieldType.of("ACL"), schema.fields().get("ACL"));
        assertEquals(object("*", true), schema.classLevelPermissions().get("find"));
        assertEquals(Map.of(), schema.classLevelPermissions().get("create"));
        assertEquals(object("_id_", object("_id", 1)), schema.indexes());

        assertEquals("p1", post.get("objectId"));
        assertEquals("2020-01-01T00:00:00.000Z", post.get("createdAt"));
        assertEquals(pointer("_User", "u1"), post.get("author"));
        assertEquals(object("__type", "GeoPoint", "latitude", 48.8, "longitude", 2.5), post.get("location"));
        assertEquals(object("__type", "File", "name", "abc_photo.png"), post.get("image"));
        assertEquals(object("__type", "Bytes", "base64", "aGk="), post.get("payload"));
        assertEquals(object("__type", "Polygon", "coordinates",
                List.of(List.of(0, 1), List.of(1, 1), List.of(1, 0), List.of(0, 1))), post.get("area"));
        assertEquals(date("2022-02-02T02:02:02.002Z"), post.get("publishedAt"));
        assertEquals(object("when", date("2021-01-01T00:00:00.000Z"), "who", pointer("_User", "u2")), post.get("extra"));
        assertEquals(object("*", object("read", true), "u1", object("read", true, "write", true)), post.get("ACL"));
        assertEquals(object("__type", "Relation", "className", "_User"), post.get("likes"));
    }

    @Test
    void readsRelationsAndConfigWrittenByParseServer() {
        database.getCollection("_Join:likes:Post").insertMany(List.of(
                new Document("_id", new ObjectId()).append("relatedId", "u1").append("owningId", "p1"),
                new Document("_id", new ObjectId()).append("relatedId", "u2").append("owningId", "p1")));
        database.getCollection("_GlobalConfig").insertOne(new Document("_id", 1)
                .append("params", new Document("motd", "hello").append("when", date("2020-01-01T00:00:00.000Z")))
                .append("masterKeyOnly", new Document("motd", false).append("when", true)));

        assertEquals(List.of("u1", "u2"), adapter.relatedIds("likes", "Post", List.of("p1")));
        assertEquals(List.of("p1"), adapter.owningIds("likes", "Post", List.of("u2")));
        assertEquals(object("params", object("motd", "hello", "when", date("2020-01-01T00:00:00.000Z")),
                "masterKeyOnly", object("motd", false, "when", true)), adapter.getGlobalConfig());
    }

    @Test
    void writesObjectsInParseServerLayout() {
        writeParseServerPostSchema();
        ClassSchema schema = adapter.getClass("Post").orElseThrow();
        adapter.createObject("Post", schema, object(
                "objectId", "p2", "createdAt", "2024-01-01T00:00:00.000Z", "updatedAt", "2024-01-01T00:00:00.000Z",
                "title", "Hi", "author", pointer("_User", "u1"),
                "location", object("__type", "GeoPoint", "latitude", 10, "longitude", 20),
                "image", object("__type", "File", "name", "x.png", "url", "http://files/x.png"),
                "payload", object("__type", "Bytes", "base64", "aGk="),
                "area", object("__type", "Polygon", "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1))),
                "publishedAt", date("2024-02-02T00:00:00.000Z"),
                "extra", object("when", date("2021-01-01T00:00:00.000Z"), "who", pointer("_User", "u2")),
                "likes", object("__type", "Relation", "className", "_User"),
                "ACL", object("*", object("read", true), "u1", object("read", true, "write", true))));

        Document raw = database.getCollection("Post").find().first();

        assertEquals("p2", raw.get("_id"));
        assertEquals(at("2024-01-01T00:00:00Z"), raw.get("_created_at"));
        assertEquals(at("2024-01-01T00:00:00Z"), raw.get("_updated_at"));
        assertEquals("_User$u1", raw.get("_p_author"));
        assertFalse(raw.containsKey("author") || raw.containsKey("likes") || raw.containsKey("ACL"));
        assertEquals(List.of(20, 10), raw.get("location"));
        assertEquals("x.png", raw.get("image"));
        assertInstanceOf(Binary.class, raw.get("payload"));
        assertEquals(new Document("type", "Polygon").append("coordinates", List.of(List.of(
                List.of(0, 0), List.of(1, 0), List.of(1, 1), List.of(0, 0)))), raw.get("area"));
        assertEquals(at("2024-02-02T00:00:00Z"), raw.get("publishedAt"));
        assertEquals(new Document("when", at("2021-01-01T00:00:00Z")).append("who",
                new Document("__type", "Pointer").append("className", "_User").append("objectId", "u2")), raw.get("extra"));
        assertEquals(List.of("*", "u1"), raw.get("_rperm"));
        assertEquals(List.of("u1"), raw.get("_wperm"));
        assertEquals(new Document("u1", new Document("w", true).append("r", true)).append("*", new Document("r", true)),
                raw.get("_acl"));
    }

    @Test
    void writesSchemaRelationAndConfigDocumentsInParseServerLayout() {
        adapter.createClass(new ClassSchema("Post", Map.of("objectId", FieldType.of("String"),
                "createdAt", FieldType.of("Date"), "updatedAt", FieldType.of("Date"), "ACL", FieldType.of("ACL"),
                "author", FieldType.pointer("_User")), Map.of("find", Map.of("*", true)), Map.of()));
        adapter.addField("Post", "likes", FieldType.relation("_User"));
        adapter.addRelation("likes", "Post", "p1", "u1");
        adapter.updateGlobalConfig(object("motd", "hello", "when", date("2020-01-01T00:00:00.000Z")), object("motd", true));

        Document schema = database.getCollection("_SCHEMA").find().first();
        assertEquals("Post", schema.get("_id"));
        assertEquals("string", schema.get("objectId"));
        assertEquals("date", schema.get("createdAt"));
        assertEquals("*_User", schema.get("author"));
        assertEquals("relation<_User>", schema.get("likes"));
        assertFalse(schema.containsKey("ACL"));
        assertEquals(new Document("class_permissions", new Document("find", new Document("*", true))), schema.get("_metadata"));

        Document join = database.getCollection("_Join:likes:Post").find().first();
        assertInstanceOf(ObjectId.class, join.get("_id"));
        assertEquals("u1", join.get("relatedId"));
        assertEquals("p1", join.get("owningId"));

        Document config = database.getCollection("_GlobalConfig").find().first();
        assertEquals(1, config.get("_id"));
        assertEquals(new Document("motd", "hello").append("when",
                new Document("__type", "Date").append("iso", "2020-01-01T00:00:00.000Z")), config.get("params"));
        assertEquals(new Document("motd", true).append("when", false), config.get("masterKeyOnly"));
    }

    @Test
    void mapsUserInternalFieldsAndAuthData() {
        ClassSchema users = new ClassSchema("_User", Map.of("objectId", FieldType.of("String"),
                "username", FieldType.of("String"), "authData", FieldType.of("Object")), Map.of(), Map.of());
        adapter.createObject("_User", users, object("objectId", "u1", "username", "ann",
                "_hashed_password", "$2b$10$hash", "authData", object("facebook", object("id", "fb1")),
                "_email_verify_token_expires_at", date("2024-01-01T00:00:00.000Z"),
                "_perishable_token", "tok", "_failed_login_count", 2, "_password_history", List.of("$2b$old")));
        adapter.createObject("_Session", null, object("objectId", "s1", "sessionToken", "r:abc",
                "user", pointer("_User", "u1"), "expiresAt", date("2025-01-01T00:00:00.000Z")));

        Document rawUser = database.getCollection("_User").find().first();
        assertEquals(new Document("id", "fb1"), rawUser.get("_auth_data_facebook"));
        assertFalse(rawUser.containsKey("authData"));
        assertEquals(at("2024-01-01T00:00:00Z"), rawUser.get("_email_verify_token_expires_at"));
        Document rawSession = database.getCollection("_Session").find().first();
        assertEquals("r:abc", rawSession.get("_session_token"));
        assertEquals("_User$u1", rawSession.get("_p_user"));
        assertEquals(at("2025-01-01T00:00:00Z"), rawSession.get("expiresAt"));

        Map<String, Object> user = adapter.find("_User", users, object("authData.facebook.id", "fb1"),
                QueryOptions.limit(1)).getFirst();
        assertEquals(object("facebook", object("id", "fb1")), user.get("authData"));
        assertEquals("$2b$10$hash", user.get("_hashed_password"));
        assertEquals("tok", user.get("_perishable_token"));
        assertEquals(2, user.get("_failed_login_count"));
        assertEquals(List.of("$2b$old"), user.get("_password_history"));
        assertEquals(date("2024-01-01T00:00:00.000Z"), user.get("_email_verify_token_expires_at"));
        Map<String, Object> session = adapter.find("_Session", null, object("sessionToken", "r:abc"),
                QueryOptions.limit(1)).getFirst();
        assertEquals("r:abc", session.get("sessionToken"));

        Map<String, Object> unlinked = adapter.findOneAndUpdate("_User", users, object("objectId", "u1"),
                object("authData", java.util.Collections.singletonMap("facebook", null))).orElseThrow();
        assertFalse(unlinked.containsKey("authData"));
    }
}
