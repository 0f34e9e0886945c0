package dev.reparse.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaSystemClassesTest {
    private final FakeSchemaStorage storage = new FakeSchemaStorage();
    private final SchemaController schemas = new SchemaController(storage);

    private List<String> listed() {
        return schemas.all().stream().map(ClassSchema::className).toList();
    }

    @Test
    void storesUserRoleAndIdempotencyAsParseServerDoesAtStartup() {
        schemas.ensureSystemClasses();

        assertTrue(storage.stored("_User").isPresent());
        assertTrue(storage.stored("_Role").isPresent());
        assertTrue(storage.stored("_Idempotency").isPresent());
        assertEquals(FieldType.relation("_Role"), storage.stored("_Role").orElseThrow().fields().get("roles"));
    }

    @Test
    void getSchemasListsUserAndRoleButNotTheInternalIdempotencyClass() {
        schemas.ensureSystemClasses();

        assertEquals(List.of("_User", "_Role"), listed());
    }

    @Test
    void keepsSystemClassesThatAreStoredAlready() {
        storage.store(new ClassSchema("_User", Map.of("nickname", FieldType.of("String")), null, null));

        schemas.ensureSystemClasses();
        schemas.ensureSystemClasses();

        assertEquals(FieldType.of("String"), schemas.get("_User").orElseThrow().fields().get("nickname"));
        assertEquals(List.of("_User", "_Role"), listed());
    }

    @Test
    void adoptsSystemClassesAnotherReplicaStoredSinceTheCacheWasLoaded() {
        schemas.all();
        storage.store(new ClassSchema("_Role", Map.of("rank", FieldType.of("Number")), null, null));

        schemas.ensureSystemClasses();

        assertEquals(FieldType.of("Number"), schemas.get("_Role").orElseThrow().fields().get("rank"));
    }
}
