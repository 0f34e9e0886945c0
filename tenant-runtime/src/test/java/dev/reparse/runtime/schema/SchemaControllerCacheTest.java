package dev.reparse.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaControllerCacheTest {
    private final FakeSchemaStorage storage = new FakeSchemaStorage();
    private final SchemaController schemas = new SchemaController(storage);

    @Test
    void systemClassesExistBeforeAnythingIsStored() {
        ClassSchema user = schemas.get("_User").orElseThrow();

        assertEquals(List.of("objectId", "createdAt", "updatedAt", "ACL", "username", "password", "email",
                "emailVerified", "authData"), List.copyOf(user.fields().keySet()));
        assertEquals(FieldType.relation("_Role"), schemas.get("_Role").orElseThrow().fields().get("roles"));
        assertEquals(FieldType.pointer("_User"), schemas.get("_Session").orElseThrow().fields().get("user"));
        assertEquals(FieldType.of("Object"), schemas.get("_GlobalConfig").orElseThrow().fields().get("params"));
        assertTrue(schemas.get("GameScore").isEmpty());
    }

    @Test
    void loadsOnceAndServesReadsFromTheCache() {
        storage.store(new ClassSchema("Post", Map.of("title", FieldType.of("String")), null, null));

        schemas.get("Post");
        schemas.get("Post");
        schemas.all();

        assertEquals(1, storage.getAllClassesCalls.get());
    }

    @Test
    void completesStoredSchemasWithDefaultsAndHidesStorageFields() {
        storage.store(new ClassSchema("_User", Map.of("_hashed_password", FieldType.of("String"),
                "_rperm", FieldType.of("Array"), "nickname", FieldType.of("String")), null, null));

        ClassSchema user = schemas.get("_User").orElseThrow();

        assertEquals(List.of("objectId", "createdAt", "updatedAt", "ACL", "username", "password", "email",
                "emailVerified", "authData", "nickname"), List.copyOf(user.fields().keySet()));
        assertEquals(DefaultSchemas.defaultPermissions(), user.classLevelPermissions());
    }

    @Test
    void reloadSeesChangesMadeByOtherReplicas() {
        schemas.all();
        storage.store(new ClassSchema("Post", Map.of(), null, null));
        assertTrue(schemas.get("Post").isEmpty());

        schemas.reload();

        assertTrue(schemas.get("Post").isPresent());
    }

    @Test
    void listsStoredClassesButHidesVolatileOnes() {
        storage.store(new ClassSchema("Post", Map.of(), null, null));
        storage.store(new ClassSchema("_PushStatus", Map.of(), null, null));
        storage.store(new ClassSchema("_User", Map.of(), null, null));

        assertEquals(List.of("Post", "_User"), schemas.all().stream().map(ClassSchema::className).toList());
    }

    @Test
    void enforcedPermissionsProtectUserEmailByDefault() {
        Map<String, Object> clp = schemas.permissions("_User");

        assertEquals(Map.of("*", List.of("email")), clp.get("protectedFields"));
        assertEquals(Map.of("*", List.of()), schemas.get("_User").orElseThrow()
                .classLevelPermissions().get("protectedFields"));
    }

    @Test
    void enforcedPermissionsMergeServerWideWithClassProtectedFields() {
        SchemaController custom = new SchemaController(storage, new SchemaOptions(false,
                Map.of("Post", Map.of("*", List.of("secret"), "role:staff", List.of("notes")))));
        custom.createClass("Post", Map.of("secret", Map.of("type", "String"), "notes", Map.of("type", "String"),
                "title", Map.of("type", "String")), Map.of("protectedFields", Map.of("*", List.of("title"))), null);

        assertEquals(Map.of("*", List.of("title", "secret"), "role:staff", List.of("notes")),
                custom.permissions("Post").get("protectedFields"));
    }
}
