package dev.reparse.runtime.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadAccessTest {
    private static final Map<String, Object> USER_CLP = Map.of("find", Map.of("*", true), "get", Map.of("*", true),
            "protectedFields", Map.of("*", List.of("email")));
    private static final Principal ANN = Principal.user("ann", Set.of());

    private static Map<String, Object> user(String id) {
        return new LinkedHashMap<>(Map.of("objectId", id, "username", id, "email", id + "@x.y"));
    }

    @Test
    void aUserSeesItsOwnProtectedFieldsOthersDoNot() {
        ReadAccess access = ReadAccess.of("_User", USER_CLP, Operation.FIND, ANN, Map.of());
        assertEquals(Set.of("objectId", "username", "email"), access.filter(user("ann")).keySet());
        assertEquals(Set.of("objectId", "username"), access.filter(user("bob")).keySet());
    }

    @Test
    void aUserMayQueryItsOwnRecordByIdWithProtectedFields() {
        ReadAccess own = ReadAccess.of("_User", USER_CLP, Operation.GET, ANN, Map.of("objectId", "ann"));
        assertDoesNotThrow(() -> own.checkQuery(Map.of("objectId", "ann", "email", "ann@x.y"), List.of()));
        ReadAccess other = ReadAccess.of("_User", USER_CLP, Operation.GET, ANN, Map.of("objectId", "bob"));
        assertThrows(ParseException.class, () -> other.checkQuery(Map.of("email", "bob@x.y"), List.of()));
    }

    @Test
    void readsAreAclConstrainedForAnonymous() {
        ReadAccess access = ReadAccess.of("Post", Map.of(), Operation.FIND, Principal.anonymous(), Map.of());
        Map<String, Object> where = access.constrain(Map.of(), field -> null).orElseThrow();
        assertEquals(Map.of("$in", java.util.Arrays.asList(null, "*")), where.get("_rperm"));
    }

    @Test
    void masterReadsEverythingButInternalFields() {
        ReadAccess master = ReadAccess.master("_User");
        Map<String, Object> user = user("bob");
        user.put("_hashed_password", "$2b$");
        assertEquals(Set.of("objectId", "username", "email"), master.filter(user).keySet());
        assertEquals(Map.of(), master.constrain(Map.of(), field -> null).orElseThrow());
    }
}
