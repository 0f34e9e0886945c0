package dev.reparse.runtime.schema;

import static dev.reparse.runtime.schema.ParseErrorAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaControllerClassOperationsTest {
    private final FakeSchemaStorage storage = new FakeSchemaStorage();
    private final SchemaController schemas = new SchemaController(storage);

    private static Map<String, Object> type(String type) {
        return Map.of("type", type);
    }

    private static Map<String, Object> type(String type, String targetClass) {
        return Map.of("type", type, "targetClass", targetClass);
    }

    private static Map<String, Object> fields(Object... namesAndSpecs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSpecs.length; i += 2) {
            fields.put((String) namesAndSpecs[i], namesAndSpecs[i + 1]);
        }
        return fields;
    }

    private static final Map<String, Object> DELETE = Map.of("__op", "Delete");

    @Test
    void createsClassWithDefaultFieldsAndPublicPermissions() {
        ClassSchema schema = schemas.createClass("Post", fields("title", type("String"),
                "author", type("Pointer", "_User"), "likes", type("Relation", "_User")), null, null);

        assertEquals(List.of("objectId", "createdAt", "updatedAt", "ACL", "title", "author", "likes"),
                List.copyOf(schema.fields().keySet()));
        assertEquals(FieldType.pointer("_User"), schema.fields().get("author"));
        assertEquals(DefaultSchemas.defaultPermissions(), schema.classLevelPermissions());
        assertEquals(schema, schemas.get("Post").orElseThrow());
    }

    @Test
    void answersSchemasJsonLikeParseServer() {
        ClassSchema schema = schemas.createClass("Post", fields("author", type("Pointer", "_User")), null,
                Map.of("by_author", Map.of("author", 1)));

        Map<String, Object> json = schemas.toJson(schema);

        assertEquals("Post", json.get("className"));
        assertEquals(Map.of("type", "Pointer", "targetClass", "_User"),
                ((Map<?, ?>) json.get("fields")).get("author"));
        assertEquals(Map.of("type", "ACL"), ((Map<?, ?>) json.get("fields")).get("ACL"));
        assertEquals(Map.of("find", Map.of("*", true), "count", Map.of("*", true), "get", Map.of("*", true),
                "create", Map.of("*", true), "update", Map.of("*", true), "delete", Map.of("*", true),
                "addField", Map.of("*", true), "protectedFields", Map.of("*", List.of())),
                json.get("classLevelPermissions"));
        assertEquals(Map.of("_id_", Map.of("_id", 1), "by_author", Map.of("author", 1)), json.get("indexes"));
    }

    @Test
    void leavesIndexesOutOfJsonWhenNoneAreRecorded() {
        assertFalse(schemas.toJson(schemas.createClass("Post", null, null, null)).containsKey("indexes"));
    }

    @Test
    void refusesCreatingExistingClass() {
        schemas.createClass("Post", null, null, null);

        assertParseError(103, "Class Post already exists.", () -> schemas.createClass("Post", null, null, null));
        assertParseError(103, "Class _Hooks already exists.", () -> schemas.createClass("_Hooks", null, null, null));
    }

    @Test
    void createsSystemClassThatIsNotStoredYet() {
        ClassSchema schema = schemas.createClass("_User", fields("nickname", type("String")), null, null);

        assertEquals(FieldType.of("Boolean"), schema.fields().get("emailVerified"));
        assertEquals(FieldType.of("String"), schema.fields().get("nickname"));
    }

    @Test
    void refusesInvalidClassNames() {
        assertParseError(103, "Invalid classname: _Secret, classnames can only have alphanumeric characters and _, "
                + "and must start with an alpha character ", () -> schemas.createClass("_Secret", null, null, null));
    }

    @Test
    void refusesBadFieldDefinitionsWithParseServersCodes() {
        assertParseError(105, "invalid field name: 1bad",
                () -> schemas.createClass("Post", fields("1bad", type("String")), null, null));
        assertParseError(136, "field objectId cannot be added",
                () -> schemas.createClass("Post", fields("objectId", type("String")), null, null));
        assertParseError(136, "field username cannot be added",
                () -> schemas.createClass("_User", fields("username", type("String")), null, null));
        assertParseError(135, "type Pointer needs a class name",
                () -> schemas.createClass("Post", fields("author", type("Pointer")), null, null));
        assertParseError(103, "Invalid classname: 9x, classnames can only have alphanumeric characters and _, "
                + "and must start with an alpha character ",
                () -> schemas.createClass("Post", fields("author", type("Relation", "9x")), null, null));
        assertParseError(111, "invalid field type: Unicorn",
                () -> schemas.createClass("Post", fields("horn", type("Unicorn")), null, null));
        assertParseError(111, "invalid field type: ACL",
                () -> schemas.createClass("Post", fields("perm", type("ACL")), null, null));
        assertParseError(107, "invalid JSON",
                () -> schemas.createClass("Post", fields("title", "String"), null, null));
        assertTrue(storage.stored("Post").isEmpty());
    }

    @Test
    void refusesTwoGeoPointFieldsInADefinition() {
        assertParseError(111, "currently, only one GeoPoint field may exist in an object. Adding b when a already exists.",
                () -> schemas.createClass("Place", fields("a", type("GeoPoint"), "b", type("GeoPoint")), null, null));
    }

    @Test
    void validatesPermissionsAgainstTheNewFields() {
        ClassSchema schema = schemas.createClass("Doc", fields("owner", type("Pointer", "_User")),
                Map.of("update", Map.of("pointerFields", List.of("owner"))), null);

        assertEquals(Map.of("pointerFields", List.of("owner")), schema.classLevelPermissions().get("update"));
        // an operation a stored CLP leaves out is closed, as Parse Server reads it
        assertEquals(Map.of(), schema.classLevelPermissions().get("find"));
        assertParseError(107, "dummy is not a valid operation for class level permissions",
                () -> schemas.createClass("Other", null, Map.of("dummy", Map.of()), null));
    }

    @Test
    void emptyPermissionsCloseEveryOperationRatherThanReadingAsUnset() {
        ClassSchema schema = schemas.createClass("Vault", null, Map.of(), null);

        assertEquals(Map.of(), schema.classLevelPermissions().get("find"));
        assertEquals(Map.of(), schema.classLevelPermissions().get("create"));
        assertEquals(Map.of(), schemas.updateClass("Vault", null, Map.of(), null).classLevelPermissions().get("get"));
    }

    @Test
    void refusesIndexOnMissingField() {
        assertParseError(102, "Field nope does not exist, cannot add index.",
                () -> schemas.createClass("Post", null, null, Map.of("i", Map.of("nope", 1))));
    }

    @Test
    void updateAddsFieldsAndKeepsExistingOnes() {
        schemas.createClass("Post", fields("title", type("String")), null, null);

        ClassSchema schema = schemas.updateClass("Post",
                fields("title", type("String"), "body", type("String")), null, null);

        assertEquals(FieldType.of("String"), schema.fields().get("body"));
        assertEquals(FieldType.of("String"), storage.stored("Post").orElseThrow().fields().get("body"));
    }

    @Test
    void updateRefusesRetypingAnExistingField() {
        schemas.createClass("Post", fields("title", type("String")), null, null);

        assertParseError(255, "Field title exists, cannot update.",
                () -> schemas.updateClass("Post", fields("title", type("Number")), null, null));
        assertParseError(255, "Field createdAt exists, cannot update.",
                () -> schemas.updateClass("Post", fields("createdAt", type("String")), null, null));
    }

    @Test
    void updateRefusesRetargetingAnExistingPointer() {
        schemas.createClass("Post", fields("author", type("Pointer", "_User")), null, null);

        assertParseError(111, "schema mismatch for Post.author; expected Pointer<_User> but got Pointer<Blog>",
                () -> schemas.updateClass("Post", fields("author", type("Pointer", "Blog")), null, null));
    }

    @Test
    void updateDeletesFieldsThroughStorage() {
        schemas.createClass("Post", fields("title", type("String"), "body", type("String")), null, null);

        ClassSchema schema = schemas.updateClass("Post", fields("body", DELETE), null, null);

        assertFalse(schema.fields().containsKey("body"));
        assertFalse(storage.stored("Post").orElseThrow().fields().containsKey("body"));
    }

    @Test
    void updateRefusesDeletingMissingOrDefaultFields() {
        schemas.createClass("Post", null, null, null);

        assertParseError(255, "Field nope does not exist, cannot delete.",
                () -> schemas.updateClass("Post", fields("nope", DELETE), null, null));
        assertParseError(136, "field createdAt cannot be changed",
                () -> schemas.updateClass("Post", fields("createdAt", DELETE), null, null));
        assertParseError(136, "field objectId cannot be changed",
                () -> schemas.updateClass("Post", fields("objectId", DELETE), null, null));
    }

    @Test
    void updateRefusesMissingClass() {
        assertParseError(103, "Class Ghost does not exist.",
                () -> schemas.updateClass("Ghost", fields("a", type("String")), null, null));
    }

    @Test
    void updateOfSystemClassStoresItFirst() {
        ClassSchema schema = schemas.updateClass("_User", fields("nickname", type("String")), null, null);

        assertEquals(FieldType.of("String"), schema.fields().get("nickname"));
        assertTrue(storage.stored("_User").isPresent());
    }

    @Test
    void updateReplacesPermissionsAndAddsIndexes() {
        schemas.createClass("Post", fields("title", type("String")), null, null);
        Map<String, Object> clp = Map.of("find", Map.of("role:admin", true), "protectedFields",
                Map.of("*", List.of("title")));

        ClassSchema schema = schemas.updateClass("Post", null, clp, Map.of("by_title", Map.of("title", 1)));

        assertEquals(Map.of("role:admin", true), schema.classLevelPermissions().get("find"));
        assertEquals(Map.of(), schema.classLevelPermissions().get("get"));
        assertEquals(Map.of("_id_", Map.of("_id", 1), "by_title", Map.of("title", 1)), schema.indexes());
    }

    @Test
    void updateValidatesIndexChanges() {
        schemas.createClass("Post", fields("title", type("String")), null, Map.of("by_title", Map.of("title", 1)));

        assertParseError(102, "Index by_title exists, cannot update.",
                () -> schemas.updateClass("Post", null, null, Map.of("by_title", Map.of("title", -1))));
        assertParseError(102, "Index nope does not exist, cannot delete.",
                () -> schemas.updateClass("Post", null, null, Map.of("nope", DELETE)));
        ClassSchema schema = schemas.updateClass("Post", null, null, Map.of("by_title", DELETE));
        assertEquals(Map.of("_id_", Map.of("_id", 1)), schema.indexes());
    }

    @Test
    void updateChecksEverythingBeforeChangingAnything() {
        schemas.createClass("Post", fields("title", type("String"), "body", type("String")), null, null);

        assertParseError(107, "dummy is not a valid operation for class level permissions",
                () -> schemas.updateClass("Post", fields("body", DELETE, "extra", type("Number")),
                        Map.of("dummy", Map.of()), null));
        ClassSchema stored = storage.stored("Post").orElseThrow();
        assertTrue(stored.fields().containsKey("body"));
        assertFalse(stored.fields().containsKey("extra"));
    }

    @Test
    void updateValidatesPermissionsAgainstFieldsAddedInTheSameRequest() {
        schemas.createClass("Post", null, null, null);

        ClassSchema schema = schemas.updateClass("Post", fields("owner", type("Pointer", "_User")),
                Map.of("readUserFields", List.of("owner")), null);

        assertEquals(List.of("owner"), schema.classLevelPermissions().get("readUserFields"));
    }

    @Test
    void deletesEmptyClassWithItsJoinCollections() {
        schemas.createClass("Team", fields("members", type("Relation", "_User")), null, null);

        schemas.deleteClass("Team");

        assertTrue(schemas.get("Team").isEmpty());
        assertEquals(List.of("Team", "_Join:members:Team"), storage.droppedClasses);
    }

    @Test
    void refusesDeletingClassWithObjects() {
        schemas.createClass("Team", null, null, null);
        storage.setCount("Team", 3);

        assertParseError(255, "Class Team is not empty, contains 3 objects, cannot drop schema.",
                () -> schemas.deleteClass("Team"));
        assertTrue(schemas.get("Team").isPresent());
    }

    @Test
    void deleteRefusesInvalidClassName() {
        assertParseError(103, "Invalid classname: _Join:a:B, classnames can only have alphanumeric characters and _, "
                + "and must start with an alpha character ", () -> schemas.deleteClass("_Join:a:B"));
    }
}
