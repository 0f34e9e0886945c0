package dev.reparse.runtime.schema;

import static dev.reparse.runtime.schema.ParseErrorAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemaPermissionsValidationTest {
    private final PermissionsValidator validator = new PermissionsValidator(Pattern.compile("^[a-zA-Z0-9]+$"));
    private final Map<String, FieldType> fields = fields();

    private static Map<String, FieldType> fields() {
        Map<String, FieldType> fields = DefaultSchemas.defaultFields("Post");
        fields.put("owner", FieldType.pointer("_User"));
        fields.put("editors", FieldType.of("Array"));
        fields.put("title", FieldType.of("String"));
        fields.put("secret", FieldType.of("String"));
        fields.put("blog", FieldType.pointer("Blog"));
        return fields;
    }

    private void validate(Map<String, Object> clp) {
        validator.validate(clp, fields);
    }

    @Test
    void acceptsPublicUserRoleAuthenticatedAndPointerEntries() {
        Map<String, Object> clp = new LinkedHashMap<>();
        clp.put("find", Map.of("*", true));
        clp.put("get", Map.of("requiresAuthentication", true));
        clp.put("count", Map.of("role:admin", true, "u1X9", true));
        clp.put("update", Map.of("pointerFields", List.of("owner", "editors")));
        clp.put("create", Map.of());
        clp.put("delete", Map.of());
        clp.put("addField", Map.of());
        clp.put("readUserFields", List.of("owner"));
        clp.put("writeUserFields", List.of("editors"));
        clp.put("protectedFields", Map.of("*", List.of("secret"), "role:admin", List.of(), "authenticated",
                List.of("title"), "userField:owner", List.of()));
        assertDoesNotThrow(() -> validate(clp));
    }

    @Test
    void acceptsAbsentPermissions() {
        assertDoesNotThrow(() -> validate(null));
    }

    @Test
    void refusesUnknownOperation() {
        assertParseError(107, "dummy is not a valid operation for class level permissions",
                () -> validate(Map.of("dummy", Map.of())));
    }

    @Test
    void refusesKeysThatAreNeitherUserRolePublicNorPointerFields() {
        assertParseError(107, "'12345_6789' is not a valid key for class level permissions",
                () -> validate(Map.of("find", Map.of("12345_6789", true))));
        assertParseError(107, "' *' is not a valid key for class level permissions",
                () -> validate(Map.of("find", Map.of(" *", true))));
    }

    @Test
    void acceptsAnyNonEmptyUserIdWhenObjectIdsAreCustom() {
        PermissionsValidator custom = new PermissionsValidator(Pattern.compile("^.+$"));
        assertDoesNotThrow(() -> custom.validate(Map.of("find", Map.of("12345_6789", true)), fields));
    }

    @Test
    void refusesPermissionValuesOtherThanTrue() {
        assertParseError(107, "'1' is not a valid value for class level permissions find:*:1",
                () -> validate(Map.of("find", Map.of("*", 1))));
        assertParseError(107, "'' is not a valid value for class level permissions find:*:",
                () -> validate(Map.of("find", Map.of("*", ""))));
        assertParseError(107, "'false' is not a valid value for class level permissions get:*:false",
                () -> validate(Map.of("get", Map.of("*", false))));
    }

    @Test
    void refusesOperationThatIsNotAnObject() {
        assertParseError(107, "'true' is not a valid value for class level permissions find - must be an object",
                () -> validate(Map.of("find", true)));
        assertParseError(107, "'a,b' is not a valid value for class level permissions find - must be an object",
                () -> validate(Map.of("find", List.of("a", "b"))));
    }

    @Test
    void refusesUserFieldListsThatAreNotArrays() {
        assertParseError(107,
                "'[object Object]' is not a valid value for class level permissions readUserFields - must be an array",
                () -> validate(Map.of("readUserFields", Map.of())));
    }

    @Test
    void refusesPointerPermissionsOnFieldsThatCannotHoldUsers() {
        assertParseError(107, "'blog' is not a valid column for class level pointer permissions writeUserFields",
                () -> validate(Map.of("writeUserFields", List.of("blog"))));
        assertParseError(107, "'missing' is not a valid column for class level pointer permissions readUserFields",
                () -> validate(Map.of("readUserFields", List.of("missing"))));
        assertParseError(107, "'title' is not a valid column for class level pointer permissions [object Object]",
                () -> validate(Map.of("update", Map.of("pointerFields", List.of("title")))));
    }

    @Test
    void refusesPointerFieldsThatAreNotAnArray() {
        assertParseError(107, "'owner' is not a valid value for update[pointerFields] - expected an array.",
                () -> validate(Map.of("update", Map.of("pointerFields", "owner"))));
    }

    @Test
    void refusesProtectingDefaultOrMissingFields() {
        assertParseError(107, "Default field 'objectId' can not be protected",
                () -> validate(Map.of("protectedFields", Map.of("*", List.of("objectId")))));
        assertParseError(107, "Field 'nope' in protectedFields:* does not exist",
                () -> validate(Map.of("protectedFields", Map.of("*", List.of("nope")))));
    }

    @Test
    void refusesProtectedFieldsThatAreNotArraysOrHaveBadKeys() {
        assertParseError(107, "'secret' is not a valid value for protectedFields[*] - expected an array.",
                () -> validate(Map.of("protectedFields", Map.of("*", "secret"))));
        assertParseError(107, "'user:1' is not a valid key for class level permissions",
                () -> validate(Map.of("protectedFields", Map.of("user:1", List.of()))));
    }

    @Test
    void refusesUserFieldKeyOutsideProtectedFields() {
        assertParseError(107, "'userField:owner' is not a valid key for class level permissions",
                () -> validate(Map.of("find", Map.of("userField:owner", true))));
    }
}
