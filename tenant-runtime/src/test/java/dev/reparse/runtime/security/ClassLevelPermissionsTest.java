package dev.reparse.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassLevelPermissionsTest {
    private static final Principal ANONYMOUS = Principal.anonymous();
    private static final Principal ALICE = Principal.user("alice", Set.of("Admins"));
    private static final Principal BOB = Principal.user("bob", Set.of());

    private static Map<String, Object> clp(String operation, Map<String, Object> grants) {
        return Map.of(operation, grants);
    }

    @Test
    void absentClpOrOperationIsOpen() {
        assertTrue(ClassLevelPermissions.grants(null, Operation.FIND, ANONYMOUS));
        assertTrue(ClassLevelPermissions.grants(Map.of("get", Map.of()), Operation.FIND, ANONYMOUS));
    }

    @Test
    void emptyOperationEntryIsMasterOnly() {
        ParseException e = assertThrows(ParseException.class,
                () -> ClassLevelPermissions.check(clp("find", Map.of()), Operation.FIND, ALICE));
        assertEquals(119, e.code());
        assertEquals("Permission denied", e.getMessage());
    }

    @Test
    void grantsPublicUserAndRoleEntries() {
        assertTrue(ClassLevelPermissions.grants(clp("find", Map.of("*", true)), Operation.FIND, ANONYMOUS));
        assertTrue(ClassLevelPermissions.grants(clp("find", Map.of("alice", true)), Operation.FIND, ALICE));
        assertFalse(ClassLevelPermissions.grants(clp("find", Map.of("alice", true)), Operation.FIND, BOB));
        assertTrue(ClassLevelPermissions.grants(clp("find", Map.of("role:Admins", true)), Operation.FIND, ALICE));
        assertFalse(ClassLevelPermissions.grants(clp("find", Map.of("role:Admins", true)), Operation.FIND, BOB));
    }

    @Test
    void requiresAuthenticationAnswers101ToAnonymousAndLetsAnyUserIn() {
        Map<String, Object> clp = clp("get", Map.of("requiresAuthentication", true));
        ParseException e = assertThrows(ParseException.class,
                () -> ClassLevelPermissions.check(clp, Operation.GET, ANONYMOUS));
        assertEquals(101, e.code());
        assertEquals(404, e.httpStatus());
        assertEquals(ClassAccess.UNRESTRICTED, ClassLevelPermissions.authorize(clp, Operation.GET, BOB, false));
    }

    @Test
    void pointerFieldsRestrictInsteadOfRefusing() {
        Map<String, Object> clp = clp("update", Map.of("pointerFields", List.of("owner")));
        ClassAccess access = ClassLevelPermissions.authorize(clp, Operation.UPDATE, BOB, false);
        assertEquals(List.of("owner"), access.userFields());
    }

    @Test
    void outrightGrantIgnoresPointerFields() {
        Map<String, Object> clp = Map.of("find", Map.of("*", true, "pointerFields", List.of("owner")),
                "readUserFields", List.of("readers"));
        assertFalse(ClassLevelPermissions.authorize(clp, Operation.FIND, BOB, false).restricted());
    }

    @Test
    void readUserFieldsRestrictReadsAndWriteUserFieldsRestrictWrites() {
        Map<String, Object> clp = Map.of("find", Map.of(), "get", Map.of(), "count", Map.of(), "update", Map.of(),
                "delete", Map.of(), "readUserFields", List.of("readers"), "writeUserFields", List.of("editors"));
        assertEquals(List.of("readers"), ClassLevelPermissions.authorize(clp, Operation.FIND, BOB, false).userFields());
        assertEquals(List.of("readers"), ClassLevelPermissions.authorize(clp, Operation.COUNT, BOB, false).userFields());
        assertEquals(List.of("editors"), ClassLevelPermissions.authorize(clp, Operation.DELETE, BOB, false).userFields());
    }

    @Test
    void operationPointerFieldsAndUserFieldsCombine() {
        Map<String, Object> clp = Map.of("get", Map.of("pointerFields", List.of("owner")),
                "readUserFields", List.of("owner", "readers"));
        assertEquals(List.of("owner", "readers"),
                ClassLevelPermissions.authorize(clp, Operation.GET, BOB, false).userFields());
    }

    @Test
    void writeUserFieldsNeverAllowCreate() {
        Map<String, Object> clp = Map.of("create", Map.of("pointerFields", List.of("owner")),
                "writeUserFields", List.of("owner"));
        assertEquals(119, assertThrows(ParseException.class,
                () -> ClassLevelPermissions.check(clp, Operation.CREATE, BOB)).code());
    }

    @Test
    void addFieldThroughPointerFieldsOnlyOnUpdate() {
        Map<String, Object> clp = clp("addField", Map.of("pointerFields", List.of("owner")));
        assertTrue(ClassLevelPermissions.permits(clp, Operation.ADD_FIELD, BOB, true));
        assertFalse(ClassLevelPermissions.permits(clp, Operation.ADD_FIELD, BOB, false));
    }

    @Test
    void requiresAuthenticationWithPointerFieldsStillRestricts() {
        Map<String, Object> clp = clp("find", Map.of("requiresAuthentication", true, "pointerFields", List.of("owner")));
        assertEquals(List.of("owner"), ClassLevelPermissions.authorize(clp, Operation.FIND, BOB, false).userFields());
    }

    @Test
    void restrictionNamesUserPointerOrArrayMembership() {
        ClassAccess access = new ClassAccess(List.of("owner", "editors"));
        Map<String, Object> where = Map.of("title", "x");
        Map<String, Object> constrained = access.constrain(where, BOB,
                field -> field.equals("editors") ? "Array" : "Pointer").orElseThrow();
        Map<String, Object> bob = Map.of("__type", "Pointer", "className", "_User", "objectId", "bob");
        assertEquals(Map.of("$and", List.of(where, Map.of("$or", List.of(Map.of("owner", bob),
                Map.of("editors", Map.of("$all", List.of(bob))))))), constrained);
    }

    @Test
    void restrictionMatchesNothingForAnonymous() {
        assertEquals(Optional.empty(), new ClassAccess(List.of("owner")).constrain(Map.of(), ANONYMOUS, f -> "Pointer"));
    }
}
