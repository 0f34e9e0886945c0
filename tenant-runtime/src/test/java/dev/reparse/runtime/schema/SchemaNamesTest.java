package dev.reparse.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"GameScore", "a", "Player_2", "_User", "_Role", "_Session", "_Installation",
            "_Product", "_PushStatus", "_JobStatus", "_JobSchedule", "_Audience", "_Idempotency"})
    void acceptsAlphanumericAndSystemClassNames(String className) {
        assertTrue(SchemaNames.isValidClassName(className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_Custom", "1Score", "Game Score", "Game-Score", "_Join:users:_Role",
            "_Hooks", "_GlobalConfig", "className", "length", "Ünicode"})
    void refusesOtherClassNamesIncludingJoinCollections(String className) {
        assertFalse(SchemaNames.isValidClassName(className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"score", "Score2", "a_b", "emailVerified"})
    void acceptsAlphanumericFieldNames(String fieldName) {
        assertTrue(SchemaNames.isValidFieldName(fieldName, "GameScore"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_private", "$where", "__proto__", "constructor", "_bsontype", "a.b", "2x",
            "length", "className", "with space"})
    void refusesReservedAndMalformedFieldNames(String fieldName) {
        assertFalse(SchemaNames.isValidFieldName(fieldName, "GameScore"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_Join:users:_Role", "_Join:roles:_Role"})
    void recognisesJoinCollections(String className) {
        assertTrue(SchemaNames.isJoinClassName(className));
    }

    @org.junit.jupiter.api.Test
    void allowsClassNameFieldOnlyOnHooks() {
        assertTrue(SchemaNames.isValidFieldName("className", "_Hooks"));
    }

    @org.junit.jupiter.api.Test
    void refusesDefaultFieldsAsNewFieldsOfTheirClass() {
        assertFalse(SchemaNames.isValidFieldNameForClass("objectId", "GameScore"));
        assertFalse(SchemaNames.isValidFieldNameForClass("username", "_User"));
        assertTrue(SchemaNames.isValidFieldNameForClass("username", "GameScore"));
    }
}
