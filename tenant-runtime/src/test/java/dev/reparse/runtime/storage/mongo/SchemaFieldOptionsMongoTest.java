package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.reparse.runtime.schema.FieldType;
import dev.reparse.runtime.schema.SchemaController;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Field options and system classes through the schema controller over the real Mongo adapter (in-memory server). */
class SchemaFieldOptionsMongoTest {
    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static MongoDatabase database;
    private static MongoStorageAdapter storage;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.startInMemory(0);
        client = MongoClients.create(mongo.connectionString());
        database = client.getDatabase("schemaoptions");
        storage = new MongoStorageAdapter(database);
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    private static Document metadata(String className) {
        return database.getCollection("_SCHEMA").find(new Document("_id", className)).first()
                .get("_metadata", Document.class);
    }

    @Test
    void createAndUpdateStoreOptionsInFieldsOptionsAndReadThemBack() {
        SchemaController schemas = new SchemaController(storage);
        schemas.createClass("OptCreate", Map.of("status", Map.of("type", "String", "defaultValue", "new")), null,
                null);
        schemas.updateClass("OptCreate", Map.of("must", Map.of("type", "Number", "required", true)), null, null);

        Document options = metadata("OptCreate").get("fields_options", Document.class);
        assertEquals(new Document("defaultValue", "new"), options.get("status"));
        assertEquals(new Document("required", true), options.get("must"));
        FieldType must = new SchemaController(storage).get("OptCreate").orElseThrow().fields().get("must");
        assertEquals(FieldType.of("Number").withOptions(true, null), must);
    }

    @Test
    void objectWritesMatchFieldsThatHaveOptions() {
        SchemaController schemas = new SchemaController(storage);
        schemas.createClass("OptWrite", Map.of("n", Map.of("type", "Number", "defaultValue", 1)), null, null);

        new SchemaController(storage).validateObject("OptWrite", Map.of("n", 2, "extra", "x"), true);
        // What a replica that has not seen the field yet sends: the inferred type, without options.
        storage.addField("OptWrite", "n", FieldType.of("Number"));

        Document stored = database.getCollection("_SCHEMA").find(new Document("_id", "OptWrite")).first();
        assertEquals("string", stored.get("extra"));
        assertEquals(new Document("defaultValue", 1),
                stored.get("_metadata", Document.class).get("fields_options", Document.class).get("n"));
    }

    @Test
    void ensureSystemClassesStoresUserAndRole() {
        new SchemaController(storage).ensureSystemClasses();

        SchemaController fresh = new SchemaController(storage);
        assertTrue(fresh.all().stream().anyMatch(schema -> schema.className().equals("_User")));
        assertTrue(fresh.all().stream().anyMatch(schema -> schema.className().equals("_Role")));
        assertEquals(Map.of("*", Map.of("read", true, "write", true)), fresh.defaultAcl("_User").orElseThrow());
    }
}
