package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users, sessions and roles through the REST routes, over the real core and Mongo adapter on the
 * shared in-memory mongo-java-server, without HTTP; time is a clock the tests move.
 */
class UserFlowsIT {
    private static final Duration SESSION_LENGTH = Duration.ofDays(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private MongoDatabase database;
    private ParseApi api;

    @BeforeEach
    void start() {
        database = TestMongo.freshDatabase("users");
        MongoStorageAdapter storage = new MongoStorageAdapter(database);
        AppSettings settings = new AppSettings("app", AppSettings.Keys.masterOnly("master"),
                AppSettings.Limits.defaults(), AppSettings.Access.defaults(), new AppSettings.Sessions(SESSION_LENGTH, true, true));
        AppContext app = new AppContext(settings, storage, new SchemaController(storage), clock,
                new ObjectIds(new Random(11)));
        ParseCore core = new ParseCore(app);
        core.initialize();
        api = new ParseApi(core, "/parse");
    }

    // ---- signup, login, me, logout ----

    @Test
    void signUpAnswers201WithLocationTokenAndStoresParseServerLayout() {
        ApiResponse signUp = call("POST", "/users", Map.of("username", "alice", "password", "pw1"), null, false);
        assertEquals(201, signUp.status());
        String id = (String) body(signUp).get("objectId");
        String token = (String) body(signUp).get("sessionToken");
        assertTrue(token.matches("^r:[0-9a-f]{32}$"), token);
        assertNotNull(body(signUp).get("createdAt"));
        assertEquals("http://localhost/parse/users/" + id, signUp.headers().get("Location"));
        assertFalse(body(signUp).containsKey("password"));

        Document user = database.getCollection("_User").find(new Document("_id", id)).first();
        assertTrue(user.getString("_hashed_password").matches("^\\$2a\\$10\\$.{53}$"));
        assertFalse(user.containsKey("password"));
        assertEquals(List.of(id), user.get("_wperm"));
        Document session = database.getCollection("_Session").find(new Document("_session_token", token)).first();
        assertEquals("_User$" + id, session.getString("_p_user"));
        assertEquals(new Document("action", "signup").append("authProvider", "password"), session.get("createdWith"));
        assertEquals(Date.from(clock.instant().plus(SESSION_LENGTH)), session.getDate("expiresAt"));
    }

    @Test
    void logInMeAndLogOutFollowTheSdkFlow() {
        String id = signUp("bob", "pw");
        ApiResponse login = call("GET", "/login", Map.of("username", "bob", "password", "pw"), null, false);
        assertEquals(200, login.status());
        String token = (String) body(login).get("sessionToken");
        assertEquals(id, body(login).get("objectId"));
        assertFalse(body(login).keySet().stream().anyMatch(key -> key.startsWith("_") || key.equals("password")));

        Map<String, Object> me = body(call("GET", "/users/me", null, token, false));
        assertEquals("bob", me.get("username"));
        assertEquals(token, me.get("sessionToken"));

        assertEquals(200, call("POST", "/logout", Map.of(), token, false).status());
        assertInvalidToken(call("GET", "/users/me", null, token, false), "Invalid session token");
    }

    @Test
    void logInByEmailInTheBodyAndVerifyPasswordWithoutSession() {
        signUp("carol", "pw", "carol@example.com");
        ApiResponse login = call("POST", "/login", Map.of("email", "carol@example.com", "password", "pw"), null, false);
        assertEquals("carol", body(login).get("username"));
        ApiResponse verified = call("GET", "/verifyPassword", Map.of("username", "carol", "password", "pw"), null,
                false);
        assertEquals(200, verified.status());
        assertNull(body(verified).get("sessionToken"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        signUp("dave", "right");
        ApiResponse wrongPassword = call("POST", "/login", Map.of("username", "dave", "password", "wrong"), null, false);
        ApiResponse unknownUser = call("POST", "/login", Map.of("username", "nobody", "password", "wrong"), null, false);
        assertEquals(404, wrongPassword.status());
        assertEquals(Map.of("code", 101, "error", "Invalid username/password."), wrongPassword.body());
        assertEquals(wrongPassword.status(), unknownUser.status());
        assertEquals(wrongPassword.body(), unknownUser.body());
    }

    @Test
    void signUpRefusesMissingAndTakenCredentialsWithParseCodes() {
        signUp("erin", "pw", "erin@example.com");
        assertError(call("POST", "/users", Map.of("password", "pw"), null, false), 200, "bad or missing username");
        assertError(call("POST", "/users", Map.of("username", "x"), null, false), 201, "password is required");
        assertError(call("POST", "/users", Map.of("username", "ERIN", "password", "pw"), null, false), 202,
                "Account already exists for this username.");
        assertError(call("POST", "/users", Map.of("username", "erin2", "password", "pw", "email", "Erin@Example.com"),
                null, false), 203, "Account already exists for this email address.");
        assertError(call("POST", "/users", Map.of("username", "erin3", "password", "pw", "email", "nope"), null, false),
                125, "Email address format is invalid.");
    }

    @Test
    void userWritesOnlyItself() {
        String aliceId = signUp("ann", "pw");
        String token = logIn("ann", "pw");
        String otherId = signUp("ben", "pw");
        assertEquals(200, call("PUT", "/users/" + aliceId, Map.of("nickname", "a"), token, false).status());
        assertError(call("PUT", "/users/" + otherId, Map.of("nickname", "x"), token, false), 206,
                "Cannot modify user " + otherId + ".");
        assertError(call("PUT", "/users/" + otherId, Map.of("password", "taken"), token, false), 206,
                "Cannot modify user " + otherId + ".");
        assertError(call("PUT", "/users/" + otherId, Map.of("nickname", "x"), null, false), 206,
                "Cannot modify user " + otherId + ".");
        assertError(call("DELETE", "/users/" + otherId, null, token, false), 206, "Insufficient auth to delete user");
        assertEquals(200, call("POST", "/login", Map.of("username", "ben", "password", "pw"), null, false).status());
    }

    // ---- sessions ----

    @Test
    void expiredSessionIsRefusedWith209() {
        signUp("fay", "pw");
        String token = logIn("fay", "pw");
        clock.advance(SESSION_LENGTH.minusDays(1));
        assertEquals(200, call("GET", "/users/me", null, token, false).status());
        // that use pushed the expiry forward (sliding expiry), so another 29 days are fine
        clock.advance(Duration.ofDays(29));
        assertEquals(200, call("GET", "/users/me", null, token, false).status());
        clock.advance(SESSION_LENGTH.plusDays(1));
        ApiResponse expired = call("GET", "/users/me", null, token, false);
        assertInvalidToken(expired, "Session token is expired.");
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsOnly() {
        String id = signUp("gus", "old");
        String phone = logIn("gus", "old");
        String laptop = logIn("gus", "old");
        assertEquals(200, call("PUT", "/users/" + id, Map.of("password", "new"), phone, false).status());
        assertEquals(200, call("GET", "/users/me", null, phone, false).status());
        assertInvalidToken(call("GET", "/users/me", null, laptop, false), "Invalid session token");
        assertEquals(404, call("POST", "/login", Map.of("username", "gus", "password", "old"), null, false).status());
        assertEquals(200, call("POST", "/login", Map.of("username", "gus", "password", "new"), null, false).status());
    }

    @Test
    void usersSeeAndRevokeOnlyTheirOwnSessions() {
        signUp("hal", "pw");
        String hal = logIn("hal", "pw");
        signUp("ivy", "pw");
        String ivy = logIn("ivy", "pw");
        List<Map<String, Object>> halSessions = results(call("GET", "/sessions", null, hal, false));
        assertEquals(2, halSessions.size());
        Map<String, Object> ivySession = body(call("GET", "/sessions/me", null, ivy, false));
        assertEquals(ivy, ivySession.get("sessionToken"));
        String ivySessionId = (String) ivySession.get("objectId");
        assertEquals(404, call("GET", "/sessions/" + ivySessionId, null, hal, false).status());
        assertError(call("DELETE", "/sessions/" + ivySessionId, null, hal, false), 101, "Object not found.");
        assertError(call("PUT", "/sessions/" + ivySessionId, Map.of("note", "x"), hal, false), 101,
                "Object not found.");
        assertError(call("PUT", "/sessions/" + ivySessionId, Map.of("expiresAt",
                Map.of("__type", "Date", "iso", "2099-01-01T00:00:00.000Z")), ivy, false), 105,
                "Cannot set expiresAt on a Session.");
        assertEquals(200, call("DELETE", "/sessions/" + ivySessionId, null, ivy, false).status());
        assertInvalidToken(call("GET", "/users/me", null, ivy, false), "Invalid session token");
        assertInvalidToken(call("GET", "/sessions", null, null, false), "Invalid session token");
    }

    @Test
    void clientCreatedSessionGetsServerChosenTokenUserAndExpiry() {
        String ownerId = signUp("pia", "pw");
        String token = logIn("pia", "pw");
        String otherId = signUp("quin", "pw");
        Map<String, Object> body = Map.of("sessionToken", "r:chosen", "note", "kept",
                "user", Map.of("__type", "Pointer", "className", "_User", "objectId", otherId),
                "expiresAt", Map.of("__type", "Date", "iso", "2099-01-01T00:00:00.000Z"));
        ApiResponse created = call("POST", "/sessions", body, token, false);
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String newToken = (String) body(created).get("sessionToken");
        assertNotEquals("r:chosen", newToken);
        assertEquals("kept", body(created).get("note"));
        assertEquals(ownerId, body(call("GET", "/users/me", null, newToken, false)).get("objectId"));
        assertInvalidToken(call("GET", "/users/me", null, "r:chosen", false), "Invalid session token");
        Document stored = database.getCollection("_Session").find(new Document("_session_token", newToken)).first();
        assertEquals(Date.from(clock.instant().plus(SESSION_LENGTH)), stored.getDate("expiresAt"));
        assertError(call("POST", "/sessions", Map.of("ACL", Map.of("*", Map.of("read", true))), token, false), 105,
                "Cannot set ACL on a Session.");
    }

    @Test
    void loginAsNeedsTheMasterKey() {
        String id = signUp("jay", "pw");
        assertError(call("POST", "/loginAs", Map.of("userId", id), null, false), 119, "master key is required");
        ApiResponse as = call("POST", "/loginAs", Map.of("userId", id), null, true);
        String token = (String) body(as).get("sessionToken");
        assertEquals(id, body(call("GET", "/users/me", null, token, false)).get("objectId"));
        Document session = database.getCollection("_Session").find(new Document("_session_token", token)).first();
        assertEquals("masterkey", ((Document) session.get("createdWith")).getString("authProvider"));
    }

    // ---- data written by Parse Server ----

    @Test
    void userAndSessionWrittenByParseServerWork() {
        Date now = Date.from(clock.instant());
        database.getCollection("_User").insertOne(new Document("_id", "psUser0001").append("username", "olduser")
                .append("_hashed_password", "$2b$10$mJ2ca2UbCM9hlojYHZxkQe8pyEXe5YMg0nMdvP4AJBeqlTEZJ6/Uu")
                .append("email", "old@example.com").append("_created_at", now).append("_updated_at", now)
                .append("_rperm", List.of("*", "psUser0001")).append("_wperm", List.of("psUser0001")));
        database.getCollection("_Session").insertOne(new Document("_id", "psSession1")
                .append("_session_token", "r:0123456789abcdef0123456789abcdef").append("_p_user", "_User$psUser0001")
                .append("createdWith", new Document("action", "login").append("authProvider", "password"))
                .append("expiresAt", Date.from(clock.instant().plus(Duration.ofDays(300))))
                .append("_created_at", now).append("_updated_at", now));
        ApiResponse login = call("POST", "/login", Map.of("username", "olduser", "password", "password"), null, false);
        assertEquals(200, login.status());
        Map<String, Object> me = body(call("GET", "/users/me", null, "r:0123456789abcdef0123456789abcdef", false));
        assertEquals("psUser0001", me.get("objectId"));
    }

    // ---- roles ----

    @Test
    void rolesAreInheritedThroughTwoLevelsAndCyclesEnd() {
        String userId = signUp("kim", "pw");
        String token = logIn("kim", "pw");
        signUp("lee", "pw");
        String outsider = logIn("lee", "pw");
        String child = createRole("Child", Map.of("users", addRelation("_User", userId)));
        String parent = createRole("Parent", Map.of("roles", addRelation("_Role", child)));
        String grand = createRole("Grand", Map.of("roles", addRelation("_Role", parent)));
        // close a cycle: Child includes Grand
        assertEquals(200, call("PUT", "/classes/_Role/" + child, Map.of("roles", addRelation("_Role", grand)), null,
                true).status());
        String secret = (String) body(call("POST", "/classes/Secret",
                Map.of("v", 1, "ACL", Map.of("role:Grand", Map.of("read", true))), null, true)).get("objectId");
        assertEquals(200, call("GET", "/classes/Secret/" + secret, null, token, false).status());
        assertEquals(404, call("GET", "/classes/Secret/" + secret, null, outsider, false).status());
    }

    @Test
    void roleNamesAreCheckedAndFixed() {
        assertError(call("POST", "/classes/_Role", Map.of("name", "bad/name", "ACL", Map.of()), null, true), 139,
                "A role's name can only contain alphanumeric characters, _, -, and spaces.");
        String id = createRole("Fixed", Map.of());
        assertError(call("PUT", "/classes/_Role/" + id, Map.of("name", "Other"), null, true), 139,
                "A role's name can only be set before it has been saved.");
        assertEquals(137, body(call("POST", "/classes/_Role", Map.of("name", "Fixed", "ACL", Map.of()), null, true))
                .get("code"));
    }

    @Test
    void rolesRoutesAreTheRoleClassRoutes() {
        signUp("noa", "pw");
        String token = logIn("noa", "pw");
        ApiResponse created = call("POST", "/roles", Map.of("name", "Editors", "ACL", Map.of("*", Map.of("read", true))),
                null, true);
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String id = (String) body(created).get("objectId");
        assertEquals("Editors", body(call("GET", "/roles/" + id, null, token, false)).get("name"));
        assertEquals(1, results(call("GET", "/roles", null, token, false)).size());
        assertError(call("POST", "/roles", Map.of("ACL", Map.of("*", Map.of("read", true))), null, true), 111,
                "name is required.");
        assertError(call("PUT", "/roles/" + id, Map.of("name", "Other"), null, true), 139,
                "A role's name can only be set before it has been saved.");
        // publicly readable, not writable: a user's attempt to join answers like a missing role
        assertError(call("PUT", "/roles/" + id, Map.of("users", addRelation("_User", "someone")), token, false), 101,
                "Object not found.");
        assertEquals(200, call("DELETE", "/roles/" + id, null, null, true).status());
        assertEquals(404, call("GET", "/roles/" + id, null, null, true).status());
    }

    // ---- authData ----

    @Test
    void anonymousAuthDataSignsUpThenLogsIn() {
        Map<String, Object> authData = Map.of("anonymous", Map.of("id", UUID.randomUUID().toString()));
        ApiResponse first = call("POST", "/users", Map.of("authData", authData), null, false);
        assertEquals(201, first.status());
        assertNotNull(body(first).get("username"));
        ApiResponse second = call("POST", "/users", Map.of("authData", authData), null, false);
        assertEquals(200, second.status());
        assertEquals(body(first).get("objectId"), body(second).get("objectId"));
        assertNotEquals(body(first).get("sessionToken"), body(second).get("sessionToken"));
        Document stored = database.getCollection("_User").find(new Document("_id", body(first).get("objectId")))
                .first();
        assertNotNull(stored.get("_auth_data_anonymous"));
    }

    @Test
    void anonymousIdNeedNotBeAUuid() {
        Map<String, Object> authData = Map.of("anonymous", Map.of("id", "device-42"));
        assertEquals(201, call("POST", "/users", Map.of("authData", authData), null, false).status());
        assertEquals(200, call("POST", "/users", Map.of("authData", authData), null, false).status());
    }

    @Test
    void authDataWithOperatorsOrUnknownProvidersIsRefused() {
        for (Object id : List.of(Map.of("$ne", "x"), Map.of("$regex", ".*"), 7)) {
            assertError(call("POST", "/users", Map.of("authData", Map.of("anonymous", Map.of("id", id))), null,
                    false), 162, "authData.anonymous.id must be a string");
        }
        assertEquals(250, body(call("POST", "/users", Map.of("authData",
                Map.of("anonymous", Map.of("token", "t"))), null, false)).get("code"));
        assertEquals(252, body(call("POST", "/users", Map.of("authData",
                Map.of("facebook", Map.of("id", "1", "access_token", "t"))), null, false)).get("code"));
    }

    @Test
    void prototypePollutionInsideAuthDataIsRefusedEvenForALinkedUser() {
        String id = UUID.randomUUID().toString();
        assertEquals(201, call("POST", "/users", Map.of("authData", Map.of("anonymous", Map.of("id", id))), null, false)
                .status());
        String json = "{\"authData\":{\"anonymous\":{\"id\":\"" + id + "\",\"__proto__\":{\"isAdmin\":true}}}}";
        Map<String, Object> polluted = new LinkedHashMap<>(
                Json.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ApiResponse login = api.handle(new ApiRequest("POST", "/users", polluted,
                new ApiRequest.Credentials("app", null, null, null, null, null, null, null), "http://localhost/parse"));
        assertEquals(105, body(login).get("code"));
        Document stored = database.getCollection("_User").find(new Document("_auth_data_anonymous.id", id)).first();
        assertFalse(((Document) stored.get("_auth_data_anonymous")).containsKey("__proto__"));
    }

    @Test
    void internalFieldsNeverReachClients() {
        String id = signUp("max", "pw");
        String token = logIn("max", "pw");
        for (Map<String, Object> user : List.of(body(call("GET", "/users/" + id, null, token, false)),
                body(call("GET", "/classes/_User/" + id, null, null, true)), results(call("GET", "/users", null, null,
                        true)).get(0))) {
            assertFalse(user.keySet().stream().anyMatch(key -> key.startsWith("_")), user.toString());
            assertFalse(user.containsKey("password"));
            assertFalse(user.containsKey("sessionToken"));
        }
    }

    // ---- helpers ----

    private String signUp(String username, String password) {
        return (String) body(call("POST", "/users", Map.of("username", username, "password", password), null, false))
                .get("objectId");
    }

    private String signUp(String username, String password, String email) {
        return (String) body(call("POST", "/users", Map.of("username", username, "password", password, "email", email),
                null, false)).get("objectId");
    }

    private String logIn(String username, String password) {
        return (String) body(call("POST", "/login", Map.of("username", username, "password", password), null, false))
                .get("sessionToken");
    }

    private String createRole(String name, Map<String, Object> relations) {
        Map<String, Object> body = new LinkedHashMap<>(relations);
        body.put("name", name);
        body.put("ACL", Map.of("*", Map.of("read", true)));
        ApiResponse created = call("POST", "/classes/_Role", body, null, true);
        assertEquals(201, created.status(), String.valueOf(created.body()));
        return (String) body(created).get("objectId");
    }

    private static Map<String, Object> addRelation(String className, String objectId) {
        return Map.of("__op", "AddRelation", "objects",
                List.of(Map.of("__type", "Pointer", "className", className, "objectId", objectId)));
    }

    private ApiResponse call(String method, String path, Object params, String token, boolean master) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials("app", master ? "master" : null, null, null,
                null, null, token, null);
        Map<String, Object> body = params == null ? new LinkedHashMap<>() : copy(params);
        return api.handle(new ApiRequest(method, path, body, credentials, "http://localhost/parse"));
    }

    private static void assertInvalidToken(ApiResponse response, String message) {
        assertEquals(400, response.status());
        assertEquals(Map.of("code", 209, "error", message), response.body());
    }

    private static void assertError(ApiResponse response, int code, String message) {
        assertEquals(Map.of("code", code, "error", message), response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object params) {
        return (Map<String, Object>) Json.parse(Json.writeString(params));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(ApiResponse response) {
        return (Map<String, Object>) response.body();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(ApiResponse response) {
        return (List<Map<String, Object>>) body(response).get("results");
    }

    /** A clock tests move forward. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
