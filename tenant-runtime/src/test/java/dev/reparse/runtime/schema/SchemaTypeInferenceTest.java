package dev.reparse.runtime.schema;

import static dev.reparse.runtime.schema.ParseErrorAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaTypeInferenceTest {

    private static FieldType typeOf(Object value) {
        return ValueTypes.typeOf(value).orElseThrow();
    }

    @Test
    void infersJsonScalarsAndContainers() {
        assertEquals(FieldType.of("String"), typeOf("x"));
        assertEquals(FieldType.of("Number"), typeOf(3));
        assertEquals(FieldType.of("Number"), typeOf(2.5));
        assertEquals(FieldType.of("Number"), typeOf(12345678901L));
        assertEquals(FieldType.of("Boolean"), typeOf(false));
        assertEquals(FieldType.of("Array"), typeOf(List.of(1, "a")));
        assertEquals(FieldType.of("Object"), typeOf(Map.of("k", 1)));
    }

    @Test
    void givesNoTypeForNull() {
        assertTrue(ValueTypes.typeOf(null).isEmpty());
    }

    @Test
    void infersParseEncodings() {
        assertEquals(FieldType.pointer("_User"),
                typeOf(Map.of("__type", "Pointer", "className", "_User", "objectId", "abc")));
        assertEquals(FieldType.relation("Friend"), typeOf(Map.of("__type", "Relation", "className", "Friend")));
        assertEquals(FieldType.of("Date"), typeOf(Map.of("__type", "Date", "iso", "2024-01-01T00:00:00.000Z")));
        assertEquals(FieldType.of("File"), typeOf(Map.of("__type", "File", "name", "f.txt", "url", "http://x")));
        assertEquals(FieldType.of("GeoPoint"), typeOf(Map.of("__type", "GeoPoint", "latitude", 0, "longitude", 0)));
        assertEquals(FieldType.of("Polygon"), typeOf(Map.of("__type", "Polygon", "coordinates", List.of())));
        assertEquals(FieldType.of("Bytes"), typeOf(Map.of("__type", "Bytes", "base64", "AA==")));
    }

    @Test
    void refusesIncompleteEncodingsWith111() {
        assertParseError(111, "This is not a valid Date", () -> ValueTypes.typeOf(Map.of("__type", "Date")));
        assertParseError(111, "This is not a valid Pointer",
                () -> ValueTypes.typeOf(Map.of("__type", "Pointer", "objectId", "a")));
        assertParseError(111, "This is not a valid GeoPoint",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", 1)));
        assertParseError(111, "This is not a valid Unicorn", () -> ValueTypes.typeOf(Map.of("__type", "Unicorn")));
    }

    @Test
    void refusesPointerWithoutObjectIdWith106() {
        assertParseError(106, "invalid pointer: missing objectId",
                () -> ValueTypes.typeOf(Map.of("__type", "Pointer", "className", "_User")));
    }

    @Test
    void infersTypesOfUpdateOperations() {
        assertEquals(FieldType.of("Number"), typeOf(Map.of("__op", "Increment", "amount", 1)));
        assertEquals(FieldType.of("Array"), typeOf(Map.of("__op", "Add", "objects", List.of(1))));
        assertEquals(FieldType.of("Array"), typeOf(Map.of("__op", "AddUnique", "objects", List.of(1))));
        assertEquals(FieldType.of("Array"), typeOf(Map.of("__op", "Remove", "objects", List.of(1))));
        assertEquals(Optional.empty(), ValueTypes.typeOf(Map.of("__op", "Delete")));
    }

    @Test
    void infersRelationTargetFromTheObjectsAddedOrRemoved() {
        Map<String, Object> pointer = Map.of("__type", "Pointer", "className", "_User", "objectId", "u1");
        assertEquals(FieldType.relation("_User"), typeOf(Map.of("__op", "AddRelation", "objects", List.of(pointer))));
        assertEquals(FieldType.relation("_User"),
                typeOf(Map.of("__op", "RemoveRelation", "objects", List.of(pointer))));
    }

    @Test
    void refusesRelationOperationsMixingClasses() {
        Map<String, Object> user = Map.of("__type", "Pointer", "className", "_User", "objectId", "u1");
        Map<String, Object> role = Map.of("__type", "Pointer", "className", "_Role", "objectId", "r1");
        assertParseError(111, "all objects in AddRelation must have the same class, got _User and _Role",
                () -> ValueTypes.typeOf(Map.of("__op", "AddRelation", "objects", List.of(user, role))));
    }

    @Test
    void refusesRelationOperationsWithoutObjects() {
        assertParseError(107, "objects to add must be an array",
                () -> ValueTypes.typeOf(Map.of("__op", "AddRelation", "objects", List.of())));
    }

    @Test
    void infersBatchFromItsFirstOperation() {
        Map<String, Object> pointer = Map.of("__type", "Pointer", "className", "Friend", "objectId", "f1");
        Map<String, Object> batch = Map.of("__op", "Batch", "ops", List.of(
                Map.of("__op", "AddRelation", "objects", List.of(pointer)),
                Map.of("__op", "RemoveRelation", "objects", List.of(pointer))));
        assertEquals(FieldType.relation("Friend"), typeOf(batch));
    }

    @Test
    void refusesUnknownOperationsWith108() {
        assertParseError(108, "The Multiply operator is not supported yet.",
                () -> ValueTypes.typeOf(Map.of("__op", "Multiply")));
    }

    @Test
    void typesQueryNotEqualByItsOperand() {
        assertEquals(FieldType.of("Date"),
                typeOf(Map.of("$ne", Map.of("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"))));
    }
}
