package dev.reparse.runtime.schema;

import static dev.reparse.runtime.schema.ParseErrorAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaControllerObjectValidationTest {
    private final FakeSchemaStorage storage = new FakeSchemaStorage();
    private final SchemaController schemas = new SchemaController(storage);

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    private static Map<String, Object> geoPoint() {
        return Map.of("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0);
    }

    @Test
    void createsClassAndAddsInferredFieldsOnFirstWrite() {
        ClassSchema schema = schemas.validateObject("GameScore",
                object("score", 1337, "playerName", "Sean", "cheatMode", false), true);

        assertEquals(FieldType.of("Number"), schema.fields().get("score"));
        assertEquals(FieldType.of("String"), schema.fields().get("playerName"));
        assertEquals(FieldType.of("Boolean"), schema.fields().get("cheatMode"));
        assertEquals(FieldType.of("Date"), schema.fields().get("createdAt"));
        assertEquals(FieldType.of("Number"), storage.stored("GameScore").orElseThrow().fields().get("score"));
    }

    @Test
    void refusesTypeChangeOfExistingField() {
        schemas.validateObject("GameScore", object("score", 1), true);

        assertParseError(111, "schema mismatch for GameScore.score; expected Number but got String",
                () -> schemas.validateObject("GameScore", object("score", "high"), true));
    }

    @Test
    void refusesPointerToAnotherClassThanTheFieldTargets() {
        schemas.validateObject("Post", object("author",
                Map.of("__type", "Pointer", "className", "_User", "objectId", "u1")), true);

        assertParseError(111, "schema mismatch for Post.author; expected Pointer<_User> but got Pointer<Blog>",
                () -> schemas.validateObject("Post", object("author",
                        Map.of("__type", "Pointer", "className", "Blog", "objectId", "b1")), true));
    }

    @Test
    void refusesDefaultFieldWithWrongType() {
        assertParseError(111, "schema mismatch for _User.username; expected String but got Number",
                () -> schemas.validateObject("_User", object("username", 5), true));
    }

    @Test
    void refusesInvalidClassNameWith103() {
        assertParseError(103, "Invalid classname: _Join:users:_Role, classnames can only have alphanumeric "
                        + "characters and _, and must start with an alpha character ",
                () -> schemas.validateObject("_Join:users:_Role", object("a", 1), true));
        assertParseError(103, "Invalid classname: 1abc, classnames can only have alphanumeric "
                        + "characters and _, and must start with an alpha character ",
                () -> schemas.validateObject("1abc", object("a", 1), true));
    }

    @Test
    void refusesInvalidFieldNamesWith105() {
        assertParseError(105, "Invalid field name: $set.",
                () -> schemas.validateObject("GameScore", object("$set", 1), true));
        assertParseError(105, "Invalid field name: __proto__.",
                () -> schemas.validateObject("GameScore", object("__proto__", Map.of()), true));
        assertParseError(105, "Invalid field name: constructor.",
                () -> schemas.validateObject("GameScore", object("constructor", 1), true));
        assertParseError(105, "Invalid field name: _bsontype.",
                () -> schemas.validateObject("GameScore", object("_bsontype", "Code"), true));
    }

    @Test
    void refusedWriteDoesNotCreateTheClass() {
        assertParseError(105, "Invalid field name: $x.",
                () -> schemas.validateObject("Fresh", object("$x", 1), true));
        assertTrue(storage.stored("Fresh").isEmpty());
    }

    @Test
    void typesDottedKeyAsObjectFieldAndIndexKeyAsArrayField() {
        ClassSchema schema = schemas.validateObject("Doc", object("meta.color", "red", "tags.0", "x"), true);

        assertEquals(FieldType.of("Object"), schema.fields().get("meta"));
        assertEquals(FieldType.of("Array"), schema.fields().get("tags"));
        assertFalse(schema.fields().containsKey("meta.color"));
    }

    @Test
    void refusesDottedKeyIntoNonObjectField() {
        schemas.validateObject("Doc", object("title", "x"), true);

        assertParseError(111, "schema mismatch for Doc.title; expected String but got Object",
                () -> schemas.validateObject("Doc", object("title.sub", 1), true));
    }

    @Test
    void treatsNumericKeysOfPushOffsetCountersAsMapKeys() {
        ClassSchema schema = schemas.validateObject("_PushStatus",
                object("sentPerUTCOffset.-8", Map.of("__op", "Increment", "amount", 1)), true);

        assertEquals(FieldType.of("Object"), schema.fields().get("sentPerUTCOffset"));
    }

    @Test
    void refusesTwoGeoPointsInOneObject() {
        assertParseError(111, "there can only be one geopoint field in a class",
                () -> schemas.validateObject("Place", object("a", geoPoint(), "b", geoPoint()), true));
    }

    @Test
    void refusesSecondGeoPointFieldInClass() {
        schemas.validateObject("Place", object("location", geoPoint()), true);

        assertParseError(111, "there can only be one geopoint field in a class",
                () -> schemas.validateObject("Place", object("other", geoPoint()), true));
    }

    @Test
    void acceptsAnotherWriteToTheSameGeoPointField() {
        schemas.validateObject("Place", object("location", geoPoint()), true);
        schemas.validateObject("Place", object("location", geoPoint()), true);
    }

    @Test
    void refusesNewFieldWithoutAddFieldPermissionWith119() {
        schemas.validateObject("GameScore", object("score", 1), true);

        assertParseError(119, "Permission denied for action addField on class GameScore.",
                () -> schemas.validateObject("GameScore", object("score", 2, "extra", "x"), false));
        assertFalse(storage.stored("GameScore").orElseThrow().fields().containsKey("extra"));
    }

    @Test
    void acceptsKnownFieldsWithoutAddFieldPermission() {
        schemas.validateObject("GameScore", object("score", 1), true);

        ClassSchema schema = schemas.validateObject("GameScore", object("score", 2), false);

        assertEquals(FieldType.of("Number"), schema.fields().get("score"));
    }

    @Test
    void skipsNullsDeletesAndAclWhenTyping() {
        ClassSchema schema = schemas.validateObject("GameScore", object("gone", null,
                "removed", Map.of("__op", "Delete"), "ACL", Map.of("*", Map.of("read", true))), true);

        assertFalse(schema.fields().containsKey("gone"));
        assertFalse(schema.fields().containsKey("removed"));
        assertEquals(FieldType.of("ACL"), schema.fields().get("ACL"));
    }

    @Test
    void addsRelationFieldFromAddRelation() {
        Map<String, Object> pointer = Map.of("__type", "Pointer", "className", "_User", "objectId", "u1");
        ClassSchema schema = schemas.validateObject("Team",
                object("members", Map.of("__op", "AddRelation", "objects", List.of(pointer))), true);

        assertEquals(FieldType.relation("_User"), schema.fields().get("members"));
    }

    @Test
    void storesSystemClassOnFirstWrite() {
        assertTrue(storage.stored("_User").isEmpty());

        ClassSchema schema = schemas.validateObject("_User", object("username", "a", "nickname", "b"), true);

        assertEquals(FieldType.of("String"), schema.fields().get("nickname"));
        assertEquals(FieldType.of("Boolean"), storage.stored("_User").orElseThrow().fields().get("emailVerified"));
    }

    @Test
    void doesNotCallStorageForWritesThatAddNothing() {
        schemas.validateObject("GameScore", object("score", 1), true);
        int calls = storage.addFieldCalls.get();

        schemas.validateObject("GameScore", object("score", 2), true);

        assertEquals(calls, storage.addFieldCalls.get());
    }

    @Test
    void reportsMismatchWhenAnotherReplicaAddedTheFieldWithAnotherType() {
        schemas.validateObject("GameScore", object("score", 1), true);
        storage.store(storage.stored("GameScore").orElseThrow().withField("level", FieldType.of("String")));

        assertParseError(111, "schema mismatch for GameScore.level; expected String but got Number",
                () -> schemas.validateObject("GameScore", object("level", 3), true));
    }

    @Test
    void ensureClassStoresDefaultSchemaOnce() {
        ClassSchema first = schemas.ensureClass("Empty");
        ClassSchema second = schemas.ensureClass("Empty");

        assertEquals(first, second);
        assertEquals(DefaultSchemas.defaultPermissions(), first.classLevelPermissions());
        assertTrue(storage.stored("Empty").isPresent());
    }

    @Test
    void requiresRoleNameAndAclOnCreate() {
        assertParseError(111, "name is required.",
                () -> schemas.validateRequiredFields("_Role", object("ACL", Map.of()), false));
        assertParseError(111, "ACL is required.",
                () -> schemas.validateRequiredFields("_Role", object("name", "admins"), false));
        schemas.validateRequiredFields("_Role", object("name", "admins", "ACL", Map.of()), false);
    }

    @Test
    void refusesDeletingRequiredFieldOnUpdateButAllowsLeavingItOut() {
        assertParseError(111, "name is required.",
                () -> schemas.validateRequiredFields("_Role", object("name", Map.of("__op", "Delete")), true));
        schemas.validateRequiredFields("_Role", object("users", Map.of()), true);
        schemas.validateRequiredFields("GameScore", object(), false);
    }
}
