package dev.reparse.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveFieldsTest {
    private static Map<String, Object> user() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("objectId", "u1");
        user.put("username", "ann");
        user.put("sessionToken", "r:abc");
        user.put("authData", Map.of("facebook", Map.of("id", "1")));
        for (String internal : List.of("_rperm", "_wperm", "_hashed_password", "_session_token", "_email_verify_token",
                "_perishable_token", "_failed_login_count", "_account_lockout_expires_at", "_password_history",
                "_auth_data_facebook")) {
            user.put(internal, "x");
        }
        return user;
    }

    @Test
    void internalFieldsNeverLeaveEvenToTheMasterKey() {
        Map<String, Object> stripped = SensitiveFields.strip("_User", user(), Optional.empty(), true);
        assertTrue(stripped.keySet().stream().noneMatch(key -> key.startsWith("_")));
        assertEquals(Set.of("objectId", "username", "authData"), stripped.keySet());
    }

    @Test
    void authDataOnlyToItsOwnUser() {
        assertEquals(Set.of("objectId", "username", "authData"),
                SensitiveFields.strip("_User", user(), Optional.of("u1"), false).keySet());
        assertEquals(Set.of("objectId", "username"),
                SensitiveFields.strip("_User", user(), Optional.of("u2"), false).keySet());
        assertEquals(Set.of("objectId", "username"),
                SensitiveFields.strip("_User", user(), Optional.empty(), false).keySet());
    }

    @Test
    void otherClassesKeepTheirOwnSessionTokenAndAuthDataFields() {
        Map<String, Object> session = new LinkedHashMap<>(Map.of("objectId", "s1", "sessionToken", "r:x",
                "authData", Map.of()));
        assertEquals(Set.of("objectId", "sessionToken", "authData"),
                SensitiveFields.strip("_Session", session, Optional.empty(), false).keySet());
    }

    @Test
    void newUsersArePrivateAndAlwaysOwnThemselves() {
        Map<String, Object> rw = Map.of("read", true, "write", true);
        assertEquals(Map.of("u1", rw), DefaultAcls.forNewObject("_User", null, "u1", true).orElseThrow());
        assertEquals(Map.of("*", Map.of("read", true), "u1", rw),
                DefaultAcls.forNewObject("_User", null, "u1", false).orElseThrow());
        assertEquals(Map.of("role:Admins", Map.of("read", true), "u1", rw), DefaultAcls.forNewObject("_User",
                Map.of("role:Admins", Map.of("read", true)), "u1", true).orElseThrow());
        assertTrue(DefaultAcls.forNewObject("Post", null, "p1", true).isEmpty());
    }
}
