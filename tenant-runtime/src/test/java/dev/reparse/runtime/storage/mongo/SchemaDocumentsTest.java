package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class SchemaDocumentsTest {

    private static ClassSchema taskWith(String field, FieldType type) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put(field, type);
        return new ClassSchema("Task", fields, Map.of(), Map.of());
    }

    @Test
    void storesFieldOptionsUnderMetadataAsParseServerDoes() {
        Document stored = SchemaDocuments.toDocument(taskWith("status", FieldType.of("String").withOptions(true, "new")));

        assertEquals("string", stored.get("status"));
        Document metadata = stored.get("_metadata", Document.class);
        assertEquals(new Document("status", new Document("required", true).append("defaultValue", "new")),
                metadata.get("fields_options"));
    }

    @Test
    void leavesFieldsOptionsOutWhenNoFieldHasOptions() {
        Document stored = SchemaDocuments.toDocument(taskWith("status", FieldType.of("String")));

        assertFalse(stored.containsKey("_metadata"));
    }

    @Test
    void readsFieldOptionsBackOntoTheirFields() {
        Document stored = new Document("_id", "Task").append("objectId", "string").append("due", "date")
                .append("owner", "*_User")
                .append("_metadata", new Document("fields_options", new Document("due",
                        new Document("defaultValue", new Document("__type", "Date").append("iso",
                                "2030-01-01T00:00:00.000Z")))
                        .append("owner", new Document("required", true))
                        .append("gone", new Document("required", true))));

        ClassSchema schema = SchemaDocuments.fromDocument(stored);

        assertEquals(Map.of("__type", "Date", "iso", "2030-01-01T00:00:00.000Z"),
                schema.fields().get("due").defaultValue());
        assertEquals(FieldType.pointer("_User").withOptions(true, null), schema.fields().get("owner"));
        assertFalse(schema.fields().containsKey("gone"), "options of a field the schema lacks add no field");
    }

    @Test
    void readsNoStoredPermissionsAsPublicWithAPublicDefaultAcl() {
        ClassSchema schema = SchemaDocuments.fromDocument(new Document("_id", "Task").append("objectId", "string"));

        assertEquals(Map.of("*", Map.of("read", true, "write", true)), schema.classLevelPermissions().get("ACL"));
        assertEquals(Map.of("*", true), schema.classLevelPermissions().get("find"));
    }

    @Test
    void readsStoredPermissionsWithoutAddingADefaultAcl() {
        ClassSchema schema = SchemaDocuments.fromDocument(new Document("_id", "Task").append("_metadata",
                new Document("class_permissions", new Document("get", new Document("*", true)))));

        assertFalse(schema.classLevelPermissions().containsKey("ACL"));
        assertEquals(Map.of(), schema.classLevelPermissions().get("find"));
    }
}
