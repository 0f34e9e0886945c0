package dev.reparse.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectedFieldsTest {
    private static final Principal ANONYMOUS = Principal.anonymous();
    private static final Principal BOB = Principal.user("bob", Set.of());
    private static final Principal MOD = Principal.user("mod", Set.of("Moderators"));

    private static Map<String, Object> clp(Map<String, Object> protectedFields) {
        return Map.of("protectedFields", protectedFields);
    }

    @Test
    void publicEntryHidesFromEveryone() {
        Map<String, Object> clp = clp(Map.of("*", List.of("email", "phone")));
        assertEquals(Set.of("email", "phone"), ProtectedFields.hiddenFrom(clp, ANONYMOUS));
        assertEquals(Set.of("email", "phone"), ProtectedFields.hiddenFrom(clp, BOB));
    }

    @Test
    void noApplicableEntryHidesNothing() {
        assertEquals(Set.of(), ProtectedFields.hiddenFrom(clp(Map.of("role:X", List.of("email"))), BOB));
        assertEquals(Set.of(), ProtectedFields.hiddenFrom(Map.of(), BOB));
    }

    @Test
    void authenticatedEntryAppliesOnlyToLoggedInUsers() {
        Map<String, Object> clp = clp(Map.of("authenticated", List.of("secret")));
        assertEquals(Set.of(), ProtectedFields.hiddenFrom(clp, ANONYMOUS));
        assertEquals(Set.of("secret"), ProtectedFields.hiddenFrom(clp, BOB));
    }

    @Test
    void severalApplicableEntriesHideOnlyWhatAllHide() {
        Map<String, Object> clp = clp(Map.of("*", List.of("email", "phone", "salary"),
                "role:Moderators", List.of("salary")));
        assertEquals(Set.of("salary"), ProtectedFields.hiddenFrom(clp, MOD));
        assertEquals(Set.of("email", "phone", "salary"), ProtectedFields.hiddenFrom(clp, BOB));
    }

    @Test
    void anEmptyEntryForTheUserRevealsEverything() {
        Map<String, Object> clp = clp(Map.of("*", List.of("email"), "bob", List.of()));
        assertEquals(Set.of(), ProtectedFields.hiddenFrom(clp, BOB));
    }

    @Test
    void userFieldEntryAppliesWhenThePointerNamesTheUser() {
        Map<String, Object> clp = clp(Map.of("*", List.of("email", "phone"), "userField:owner", List.of("phone")));
        Set<String> hidden = ProtectedFields.hiddenFrom(clp, BOB);
        Map<String, Object> owned = Map.of("owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "bob"));
        Map<String, Object> other = Map.of("owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "eve"));
        assertEquals(Set.of("phone"), ProtectedFields.hiddenIn(clp, hidden, BOB, owned));
        assertEquals(Set.of("email", "phone"), ProtectedFields.hiddenIn(clp, hidden, BOB, other));
    }

    @Test
    void userFieldEntryReadsArraysOfPointers() {
        Map<String, Object> clp = clp(Map.of("*", List.of("email"), "userField:team", List.of()));
        Map<String, Object> object = Map.of("team", List.of(Map.of("__type", "Pointer", "className", "_User",
                "objectId", "eve"), Map.of("__type", "Pointer", "className", "_User", "objectId", "bob")));
        assertEquals(Set.of(), ProtectedFields.hiddenIn(clp, Set.of("email"), BOB, object));
    }

    @Test
    void userFieldPointersAreFetchedForTheCheck() {
        assertEquals(Set.of("owner"), ProtectedFields.userFieldPointers(clp(Map.of("userField:owner", List.of()))));
    }
}
