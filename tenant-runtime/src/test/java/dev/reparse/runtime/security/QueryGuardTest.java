package dev.reparse.runtime.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Probes of protected fields; Parse Server refuses only the first (a top-level where key). */
class QueryGuardTest {
    private static final Set<String> HIDDEN = Set.of("email");

    private static void assertRefused(Map<String, Object> where) {
        ParseException e = assertThrows(ParseException.class, () -> QueryGuard.checkWhere("_User", where, HIDDEN));
        assertEquals(119, e.code());
        assertEquals("This user is not allowed to query email on class _User.", e.getMessage());
    }

    @Test
    void refusesTopLevelEquality() {
        assertRefused(Map.of("email", "a@b.c"));
    }

    @Test
    void refusesRegexAndExistsProbesStricterThanParseServer() {
        assertRefused(Map.of("email", Map.of("$regex", "^a")));
        assertRefused(Map.of("email", Map.of("$exists", true)));
    }

    @Test
    void refusesDotNotationStricterThanParseServer() {
        assertRefused(Map.of("email.domain", "x"));
    }

    @Test
    void refusesNestedOrAndNorStricterThanParseServer() {
        assertRefused(Map.of("$or", List.of(Map.of("username", "a"), Map.of("email", "a@b.c"))));
        assertRefused(Map.of("$and", List.of(Map.of("$nor", List.of(Map.of("email", Map.of("$gt", "m")))))));
    }

    @Test
    void refusesSortingOnAProtectedFieldStricterThanParseServer() {
        assertThrows(ParseException.class, () -> QueryGuard.checkOrder("_User", List.of("-email"), HIDDEN));
        assertDoesNotThrow(() -> QueryGuard.checkOrder("_User", List.of("-username"), HIDDEN));
    }

    @Test
    void allowsOtherFields() {
        assertDoesNotThrow(() -> QueryGuard.checkWhere("_User", Map.of("username", "a",
                "$or", List.of(Map.of("age", 3))), HIDDEN));
    }

    @Test
    void refusesInternalUserFieldsWhateverTheClp() {
        for (String field : List.of("authData.facebook.id", "sessionToken", "password")) {
            assertThrows(ParseException.class, () -> QueryGuard.checkWhere("_User", Map.of(field, "x"), Set.of()));
        }
        assertDoesNotThrow(() -> QueryGuard.checkWhere("_Session", Map.of("sessionToken", "r:x"), Set.of()));
    }
}
