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
        assertEquals(FieldType.of("Polygon"), typeOf(Map.of("__type", "Polygon",
                "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1)))));
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
    void refusesUnknownOperationsAsInvalidJson() {
        assertParseError(107, "unexpected op: Multiply", () -> ValueTypes.typeOf(Map.of("__op", "Multiply")));
    }

    @Test
    void refusesUnparseableDates() {
        assertParseError(111, "Invalid date: not a date",
                () -> ValueTypes.typeOf(Map.of("__type", "Date", "iso", "not a date")));
        assertParseError(111, "This is not a valid Date", () -> ValueTypes.typeOf(Map.of("__type", "Date", "iso", 5)));
    }

    @Test
    void refusesGeoPointsOutOfRangeWithTheSdksMessages() {
        assertParseError(111, "GeoPoint latitude out of bounds: 200 > 90.0.",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", 200, "longitude", 0)));
        assertParseError(111, "GeoPoint latitude out of bounds: -90.5 < -90.0.",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", -90.5, "longitude", 0)));
        assertParseError(111, "GeoPoint longitude out of bounds: 180.25 > 180.0.",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", 0, "longitude", 180.25)));
        assertParseError(111, "GeoPoint longitude out of bounds: -181 < -180.0.",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", 0, "longitude", -181)));
        assertParseError(111, "GeoPoint latitude and longitude must be valid numbers",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", "40", "longitude", 0)));
        assertParseError(111, "GeoPoint latitude and longitude must be valid numbers",
                () -> ValueTypes.typeOf(Map.of("__type", "GeoPoint", "latitude", 0, "longitude", Double.NaN)));
        assertEquals(FieldType.of("GeoPoint"),
                typeOf(Map.of("__type", "GeoPoint", "latitude", -90, "longitude", 180.0)));
    }

    @Test
    void refusesPolygonsOfTooFewOrBadPoints() {
        assertParseError(111, "Coordinates must be an Array",
                () -> ValueTypes.typeOf(Map.of("__type", "Polygon", "coordinates", "0,0")));
        assertParseError(111, "Polygon must have at least 3 GeoPoints or Points",
                () -> ValueTypes.typeOf(Map.of("__type", "Polygon", "coordinates", List.of(List.of(0, 0), List.of(0, 1)))));
        assertParseError(111, "Coordinates must be an Array of GeoPoints or Points",
                () -> ValueTypes.typeOf(Map.of("__type", "Polygon",
                        "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(1)))));
        assertParseError(111, "GeoPoint latitude out of bounds: 91 > 90.0.",
                () -> ValueTypes.typeOf(Map.of("__type", "Polygon",
                        "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(91, 1)))));
        assertParseError(111, "GeoJSON: Loop must have at least 3 different vertices",
                () -> ValueTypes.typeOf(Map.of("__type", "Polygon",
                        "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(0.0, 0.0)))));
    }

    @Test
    void refusesBytesThatAreNotBase64() {
        assertParseError(111, "This is not a valid Bytes",
                () -> ValueTypes.typeOf(Map.of("__type", "Bytes", "base64", "not base64!")));
        assertParseError(111, "This is not a valid Bytes", () -> ValueTypes.typeOf(Map.of("__type", "Bytes", "base64", 7)));
        assertParseError(111, "This is not a valid Bytes", () -> ValueTypes.typeOf(Map.of("__type", "Bytes")));
    }

    @Test
    void typesQueryNotEqualByItsOperand() {
        assertEquals(FieldType.of("Date"),
                typeOf(Map.of("$ne", Map.of("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"))));
    }
}
