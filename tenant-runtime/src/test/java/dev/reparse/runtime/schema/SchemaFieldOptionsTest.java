package dev.reparse.runtime.schema;

import static dev.reparse.runtime.schema.ParseErrorAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaFieldOptionsTest {
    private static final Map<String, Object> DELETE = Map.of("__op", "Delete");

    private final FakeSchemaStorage storage = new FakeSchemaStorage();
    private final SchemaController schemas = new SchemaController(storage);

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<?, ?> fieldJson(Map<String, Object> schemaJson, String field) {
        return (Map<?, ?>) ((Map<?, ?>) schemaJson.get("fields")).get(field);
    }

    @Test
    void createStoresRequiredAndDefaultValueAndAnswersThem() {
        ClassSchema schema = schemas.createClass("Task", map(
                "status", map("type", "String", "defaultValue", "new"),
                "owner", map("type", "Pointer", "targetClass", "_User", "required", true),
                "plain", map("type", "Number")), null, null);

        assertEquals(FieldType.of("String").withOptions(null, "new"),
                storage.stored("Task").orElseThrow().fields().get("status"));
        Map<String, Object> json = schemas.toJson(schema);
        assertEquals(map("type", "String", "defaultValue", "new"), fieldJson(json, "status"));
        assertEquals(map("type", "Pointer", "targetClass", "_User", "required", true), fieldJson(json, "owner"));
        assertEquals(map("type", "Number"), fieldJson(json, "plain"));
    }

    @Test
    void keepsAnExplicitRequiredFalseAsParseServerDoes() {
        ClassSchema schema = schemas.createClass("Task", map("n", map("type", "Number", "required", false)), null,
                null);

        assertEquals(map("type", "Number", "required", false), fieldJson(schemas.toJson(schema), "n"));
    }

    @Test
    void updateAddsFieldWithOptions() {
        schemas.createClass("Task", map("a", map("type", "String")), null, null);

        schemas.updateClass("Task", map("due", map("type", "Date", "required", true,
                "defaultValue", Map.of("__type", "Date", "iso", "2030-01-01T00:00:00.000Z"))), null, null);

        FieldType due = storage.stored("Task").orElseThrow().fields().get("due");
        assertEquals(true, due.required());
        assertEquals(Map.of("__type", "Date", "iso", "2030-01-01T00:00:00.000Z"), due.defaultValue());
    }

    @Test
    void refusesDefaultValueOfAnotherTypeWithParseServersMessage() {
        assertParseError(111, "schema mismatch for Task.count default value; expected Number but got String",
                () -> schemas.createClass("Task", map("count", map("type", "Number", "defaultValue", "x")), null,
                        null));
        assertParseError(111,
                "schema mismatch for Task.owner default value; expected Pointer<_User> but got Pointer<Team>",
                () -> schemas.createClass("Task", map("owner", map("type", "Pointer", "targetClass", "_User",
                        "defaultValue", Map.of("__type", "Pointer", "className", "Team", "objectId", "t1"))),
                        null, null));
        assertFalse(storage.stored("Task").isPresent());
    }

    @Test
    void refusesOptionsARelationCannotHave() {
        assertParseError(111, "The 'required' option is not applicable for Relation<_User>",
                () -> schemas.createClass("Task", map("r", map("type", "Relation", "targetClass", "_User",
                        "required", true)), null, null));
        assertParseError(111, "The 'default value' option is not applicable for Relation<_User>",
                () -> schemas.createClass("Task", map("r", map("type", "Relation", "targetClass", "_User",
                        "defaultValue", Map.of("__type", "Pointer", "className", "_User", "objectId", "u1"))),
                        null, null));
    }

    @Test
    void refusesNonBooleanRequired() {
        assertParseError(107, "invalid JSON",
                () -> schemas.createClass("Task", map("a", map("type", "String", "required", "yes")), null, null));
    }

    @Test
    void checksTheDefaultValueOfARedeclaredField() {
        schemas.createClass("Task", map("count", map("type", "Number")), null, null);

        assertParseError(111, "schema mismatch for Task.count default value; expected Number but got Boolean",
                () -> schemas.updateClass("Task", map("count", map("type", "Number", "defaultValue", true)), null,
                        null));
    }

    @Test
    void objectWritesStillMatchAFieldThatHasOptions() {
        schemas.createClass("Task", map("status", map("type", "String", "required", true, "defaultValue", "new")),
                null, null);

        ClassSchema schema = schemas.validateObject("Task", map("status", "done", "extra", 1), true);

        assertEquals("new", schema.fields().get("status").defaultValue());
        assertEquals(FieldType.of("Number"), schema.fields().get("extra"));
    }

    @Test
    void defaultsFillAbsentAndDeletedFieldsButKeepExplicitNull() {
        ClassSchema schema = schemas.createClass("Task", map(
                "status", map("type", "String", "defaultValue", "new"),
                "size", map("type", "Number", "defaultValue", 3),
                "tag", map("type", "String", "defaultValue", "x")), null, null);
        Map<String, Object> given = new HashMap<>();
        given.put("size", DELETE);
        given.put("tag", null);

        Map<String, Object> filled = schemas.applyDefaults(schema, given);

        assertEquals("new", filled.get("status"));
        assertEquals(3, filled.get("size"));
        assertEquals(null, filled.get("tag"));
        assertEquals(DELETE, given.get("size"), "the given object is left as it was");
    }

    @Test
    void createWithoutARequiredFieldFailsWith142() {
        schemas.createClass("Task", map("must", map("type", "String", "required", true)), null, null);

        assertParseError(142, "must is required", () -> schemas.validateRequiredFields("Task", map("other", 1), false));
        assertParseError(142, "must is required", () -> schemas.validateRequiredFields("Task", map("must", ""), false));
        assertParseError(142, "must is required",
                () -> schemas.validateRequiredFields("Task", map("must", DELETE), false));
        assertDoesNotThrow(() -> schemas.validateRequiredFields("Task", map("must", "x"), false));
    }

    @Test
    void aRequiredFieldWithADefaultIsSatisfiedOnceDefaultsApply() {
        ClassSchema schema = schemas.createClass("Task",
                map("must", map("type", "String", "required", true, "defaultValue", "d")), null, null);

        Map<String, Object> filled = schemas.applyDefaults(schema, map("other", 1));

        assertDoesNotThrow(() -> schemas.validateRequiredFields("Task", filled, false));
    }

    @Test
    void updateMayLeaveARequiredFieldOutButNotClearIt() {
        schemas.createClass("Task", map("must", map("type", "String", "required", true)), null, null);
        Map<String, Object> nulled = new HashMap<>();
        nulled.put("must", null);

        assertDoesNotThrow(() -> schemas.validateRequiredFields("Task", map("other", 1), true));
        assertParseError(142, "must is required", () -> schemas.validateRequiredFields("Task", nulled, true));
        assertParseError(142, "must is required",
                () -> schemas.validateRequiredFields("Task", map("must", DELETE), true));
    }

    @Test
    void systemClassColumnsKeepParseServersOwnCheck() {
        assertParseError(111, "name is required.",
                () -> schemas.validateRequiredFields("_Role", map("ACL", Map.of()), false));
        assertParseError(111, "ACL is required.",
                () -> schemas.validateRequiredFields("_Role", map("name", "admins", "ACL", DELETE), true));
    }
}
