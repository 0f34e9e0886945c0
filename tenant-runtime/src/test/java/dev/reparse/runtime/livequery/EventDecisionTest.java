package dev.reparse.runtime.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which event a subscriber receives of a write, and what of the object, as a find of its own would show it. */
class EventDecisionTest {
    private static final Auth ALICE = Auth.ofUser("alice", Set.of("Editors"), "r:a", Optional.empty());
    private static final Auth BOB = Auth.ofUser("bob", Set.of(), "r:b", Optional.empty());
    private static final Auth NOBODY = Auth.ofPublic(Optional.empty());
    private static final Auth MASTER = Auth.ofMaster();

    private static Subscription subscription(Map<String, Object> where, List<String> keys, List<String> watch) {
        return new Subscription(1, new ClientRequest.Query("Message", where, keys, watch), where,
                QueryMatcher.compile(where), Operation.FIND, null);
    }

    private static Subscription inRoom(String room) {
        return subscription(Map.of("room", room), null, null);
    }

    private static Map<String, Object> message(String room, Map<String, Object> acl, Object... fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("objectId", "m1");
        object.put("room", room);
        object.put("createdAt", "2026-01-01T00:00:00.000Z");
        object.put("updatedAt", "2026-01-01T00:00:00.000Z");
        if (acl != null) {
            object.put("ACL", acl);
        }
        object.put("_rperm", List.of("*"));
        for (int i = 0; i < fields.length; i += 2) {
            object.put((String) fields[i], fields[i + 1]);
        }
        return object;
    }

    private static Map<String, Object> readers(String... grantees) {
        Map<String, Object> acl = new LinkedHashMap<>();
        for (String grantee : grantees) {
            acl.put(grantee, Map.of("read", true));
        }
        return acl;
    }

    private static Optional<EventDecision.Outcome> decide(LiveQueryEvent event, Subscription subscription, Auth auth) {
        return EventDecision.decide(event, subscription, auth, null);
    }

    private static LiveQueryEvent created(Map<String, Object> object) {
        return new LiveQueryEvent("Message", object, null, false);
    }

    private static LiveQueryEvent updated(Map<String, Object> object, Map<String, Object> original) {
        return new LiveQueryEvent("Message", object, original, false);
    }

    @Test
    void aCreateCarriesTheObjectWithItsClassAndWithoutInternalFields() {
        EventDecision.Outcome outcome = decide(created(message("a", null, "text", "hi")), inRoom("a"), NOBODY)
                .orElseThrow();
        assertEquals("create", outcome.op());
        assertEquals("Message", outcome.object().get("className"));
        assertEquals("hi", outcome.object().get("text"));
        assertFalse(outcome.object().containsKey("_rperm"));
        assertNull(outcome.original());
        assertTrue(decide(created(message("b", null)), inRoom("a"), NOBODY).isEmpty());
    }

    @Test
    void theAclDecidesWhoHearsOfAnObjectUsersAndRoles() {
        LiveQueryEvent forAlice = created(message("a", readers("alice")));
        assertTrue(decide(forAlice, inRoom("a"), ALICE).isPresent());
        assertTrue(decide(forAlice, inRoom("a"), BOB).isEmpty());
        assertTrue(decide(forAlice, inRoom("a"), NOBODY).isEmpty());
        assertTrue(decide(forAlice, inRoom("a"), MASTER).isPresent());
        LiveQueryEvent forEditors = created(message("a", readers("role:Editors")));
        assertTrue(decide(forEditors, inRoom("a"), ALICE).isPresent());
        assertTrue(decide(forEditors, inRoom("a"), BOB).isEmpty());
    }

    @Test
    void anUpdateMatchedBeforeAndAfterCarriesTheOriginal() {
        EventDecision.Outcome outcome = decide(updated(message("a", null, "text", "new"), message("a", null, "text", "old")),
                inRoom("a"), NOBODY).orElseThrow();
        assertEquals("update", outcome.op());
        assertEquals("new", outcome.object().get("text"));
        assertEquals("old", outcome.original().get("text"));
    }

    @Test
    void leavingAndEnteringTheWhereShowBothVersions() {
        EventDecision.Outcome left = decide(updated(message("b", null), message("a", null)), inRoom("a"), NOBODY)
                .orElseThrow();
        assertEquals("leave", left.op());
        assertEquals("b", left.object().get("room"));
        EventDecision.Outcome entered = decide(updated(message("a", null), message("b", null)), inRoom("a"), NOBODY)
                .orElseThrow();
        assertEquals("enter", entered.op());
        assertEquals("b", entered.original().get("room"));
    }

    @Test
    void anAclThatTakesTheObjectAwayLeavesWithTheLastReadableVersion() {
        LiveQueryEvent hidden = updated(message("a", readers("bob"), "text", "secret"),
                message("a", readers("alice"), "text", "seen"));
        EventDecision.Outcome left = decide(hidden, inRoom("a"), ALICE).orElseThrow();
        assertEquals("leave", left.op());
        assertEquals("seen", left.object().get("text"));
        EventDecision.Outcome entered = decide(hidden, inRoom("a"), BOB).orElseThrow();
        assertEquals("enter", entered.op());
        assertNull(entered.original(), "bob could not read the version before");
    }

    @Test
    void aDeleteReachesOnlyThoseWhoCouldReadTheObject() {
        LiveQueryEvent deleted = new LiveQueryEvent("Message", message("a", readers("alice")), null, true);
        assertEquals("delete", decide(deleted, inRoom("a"), ALICE).orElseThrow().op());
        assertTrue(decide(deleted, inRoom("a"), BOB).isEmpty());
    }

    @Test
    void theClpRefusingFindSendsNothingButToTheMasterKey() {
        Map<String, Object> clp = Map.of("find", Map.of("alice", true), "get", Map.of("alice", true));
        LiveQueryEvent event = created(message("a", null));
        assertTrue(EventDecision.decide(event, inRoom("a"), BOB, clp).isEmpty());
        assertTrue(EventDecision.decide(event, inRoom("a"), ALICE, clp).isPresent());
        assertTrue(EventDecision.decide(event, inRoom("a"), MASTER, clp).isPresent());
    }

    @Test
    void pointerPermissionsDeliverOnlyObjectsThatPointToTheSubscriber() {
        Map<String, Object> clp = Map.of("find", Map.of(), "get", Map.of(), "readUserFields", List.of("owner"));
        Map<String, Object> alicePointer = Map.of("__type", "Pointer", "className", "_User", "objectId", "alice");
        LiveQueryEvent owned = created(message("a", null, "owner", alicePointer));
        assertTrue(EventDecision.decide(owned, inRoom("a"), ALICE, clp).isPresent());
        assertTrue(EventDecision.decide(owned, inRoom("a"), BOB, clp).isEmpty());
        assertTrue(EventDecision.decide(owned, inRoom("a"), NOBODY, clp).isEmpty());
    }

    @Test
    void protectedFieldsAreRemovedButForTheMasterKey() {
        Map<String, Object> clp = Map.of("protectedFields", Map.of("*", List.of("secret")));
        LiveQueryEvent event = created(message("a", null, "secret", "s", "shown", "y"));
        Map<String, Object> seen = EventDecision.decide(event, inRoom("a"), ALICE, clp).orElseThrow().object();
        assertFalse(seen.containsKey("secret"));
        assertEquals("y", seen.get("shown"));
        assertEquals("s", EventDecision.decide(event, inRoom("a"), MASTER, clp).orElseThrow().object().get("secret"));
    }

    @Test
    void keysLeaveTheDefaultFieldsAndTheAskedOnes() {
        Subscription selected = subscription(Map.of("room", "a"), List.of("text"), null);
        Map<String, Object> object = decide(created(message("a", readers("*"), "text", "t", "other", 1)), selected,
                NOBODY).orElseThrow().object();
        assertEquals(Set.of("className", "objectId", "createdAt", "updatedAt", "ACL", "text"), object.keySet());
    }

    @Test
    void watchSendsUpdatesOnlyWhenAWatchedFieldChanged() {
        Subscription watching = subscription(Map.of("room", "a"), null, List.of("text"));
        assertTrue(decide(updated(message("a", null, "text", "t", "n", 2), message("a", null, "text", "t", "n", 1)),
                watching, NOBODY).isEmpty());
        assertTrue(decide(updated(message("a", null, "text", "u"), message("a", null, "text", "t")), watching, NOBODY)
                .isPresent());
    }

    @Test
    void aUsersPasswordAndSessionNeverLeave() {
        Map<String, Object> user = new LinkedHashMap<>(Map.of("objectId", "bob", "username", "bob",
                "_hashed_password", "$2a$", "sessionToken", "r:x", "authData", Map.of("anonymous", Map.of("id", "1"))));
        Subscription all = new Subscription(1, new ClientRequest.Query("_User", Map.of(), null, null), Map.of(),
                QueryMatcher.compile(Map.of()), Operation.FIND, null);
        Map<String, Object> seen = EventDecision.decide(new LiveQueryEvent("_User", user, null, false), all, ALICE, null)
                .orElseThrow().object();
        assertEquals(Set.of("className", "objectId", "username"), seen.keySet());
    }
}
