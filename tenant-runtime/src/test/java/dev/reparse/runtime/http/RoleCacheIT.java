package dev.reparse.runtime.http;

import static dev.reparse.runtime.http.TestApi.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.runtime.core.AppSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Role memberships are cached for seconds, and every way of changing them drops the cache at once. */
class RoleCacheIT {
    private TestApi app;
    private String userId;
    private String token;
    private String roleId;
    private String secretId;

    @BeforeEach
    void start() {
        app = TestApi.start("rolecache", AppSettings.Limits.defaults());
        Map<String, Object> user = body(app.call("POST", "/users", Map.of("username", "rc", "password", "pw"), false));
        userId = (String) user.get("objectId");
        token = (String) user.get("sessionToken");
        roleId = (String) body(app.call("POST", "/roles", Map.of("name", "Readers",
                "ACL", Map.of("*", Map.of("read", true))), true)).get("objectId");
        secretId = (String) body(app.call("POST", "/classes/Secret", Map.of("text", "s",
                "ACL", Map.of("role:Readers", Map.of("read", true))), true)).get("objectId");
    }

    private int readSecret() {
        return app.call("GET", "/classes/Secret/" + secretId, null, null, token).status();
    }

    private Map<String, Object> membership(String op) {
        return Map.of("users", Map.of("__op", op, "objects",
                List.of(Map.of("__type", "Pointer", "className", "_User", "objectId", userId))));
    }

    private ApiResponse batch(Map<String, Object> request) {
        return app.call("POST", "/batch", Map.of("requests", List.of(request)), true);
    }

    @Test
    void joiningARoleThroughABatchCountsAtOnce() {
        assertEquals(404, readSecret()); // caches "no roles"
        ApiResponse joined = batch(Map.of("method", "PUT", "path", "/parse/classes/_Role/" + roleId,
                "body", membership("AddRelation")));
        assertEquals(200, joined.status(), () -> joined.body().toString());
        assertEquals(200, readSecret());
        batch(Map.of("method", "PUT", "path", "/parse/roles/" + roleId, "body", membership("RemoveRelation")));
        assertEquals(404, readSecret());
    }

    @Test
    void purgingTheRolesCountsAtOnce() {
        app.call("PUT", "/roles/" + roleId, membership("AddRelation"), true);
        assertEquals(200, readSecret());
        assertEquals(200, app.call("DELETE", "/purge/_Role", null, true).status());
        assertEquals(404, readSecret());
    }

    @Test
    void purgingTheSessionsEndsThemAtOnce() {
        assertEquals(404, readSecret()); // the session is cached now
        assertEquals(200, app.call("DELETE", "/purge/_Session", null, true).status());
        assertEquals(209, TestApi.code(app.call("GET", "/classes/Secret/" + secretId, null, null, token)));
    }
}
