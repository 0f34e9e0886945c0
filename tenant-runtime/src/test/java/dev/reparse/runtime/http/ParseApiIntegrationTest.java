package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST routes over the real core, schema controller and Mongo adapter, on an in-memory
 * mongo-java-server, without HTTP. Each test uses its own class names.
 */
class ParseApiIntegrationTest {
    private static MongoDatabase database;
    private static ParseApi api;

    @BeforeAll
    static void start() {
        database = TestMongo.freshDatabase("api");
        MongoStorageAdapter storage = new MongoStorageAdapter(database);
        AppSettings settings = new AppSettings("app", AppSettings.Keys.masterOnly("master"),
                new AppSettings.Limits(1000, 5, 10), false);
        AppContext app = new AppContext(settings, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(7)));
        ParseCore core = new ParseCore(app);
        core.initialize();
        api = new ParseApi(core, "/parse");
    }

    private static ApiResponse call(String method, String path, Object params, boolean master) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials("app", master ? "master" : null, null, null,
                null, null, null, null);
        Map<String, Object> body = params == null ? new LinkedHashMap<>() : copy(params);
        return api.handle(new ApiRequest(method, path, body, credentials, "http://localhost:1337/parse"));
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

    @Test
    void createAnswers201WithLocationAndTenCharacterId() {
        ApiResponse created = call("POST", "/classes/ApiCreate", Map.of("name", "a", "score", 1), true);
        assertEquals(201, created.status());
        String objectId = (String) body(created).get("objectId");
        assertEquals(10, objectId.length());
        assertNotNull(body(created).get("createdAt"));
        assertEquals("http://localhost:1337/parse/classes/ApiCreate/" + objectId, created.headers().get("Location"));
        Map<String, Object> fetched = body(call("GET", "/classes/ApiCreate/" + objectId, null, false));
        assertEquals("a", fetched.get("name"));
        assertEquals(objectId, fetched.get("objectId"));
        assertFalse(fetched.keySet().stream().anyMatch(key -> key.startsWith("_")));
    }

    @Test
    void updateAnswersUpdatedAtAndOperatorResults() {
        String id = (String) body(call("POST", "/classes/ApiUpdate", Map.of("score", 5, "tags", List.of("a")), true))
                .get("objectId");
        ApiResponse updated = call("PUT", "/classes/ApiUpdate/" + id,
                Map.of("score", Map.of("__op", "Increment", "amount", 2),
                        "tags", Map.of("__op", "AddUnique", "objects", List.of("a", "b"))), false);
        assertEquals(200, updated.status(), () -> updated.body().toString());
        assertNotNull(body(updated).get("updatedAt"));
        assertEquals(7, ((Number) body(updated).get("score")).intValue());
        assertEquals(List.of("a", "b"), body(updated).get("tags"));
    }

    @Test
    void missingObjectIs404WithCode101() {
        call("POST", "/classes/ApiMissing", Map.of("a", 1), true);
        ApiResponse response = call("GET", "/classes/ApiMissing/nope123456", null, false);
        assertEquals(404, response.status());
        assertEquals(101, body(response).get("code"));
        assertEquals(404, call("PUT", "/classes/ApiMissing/nope123456", Map.of("a", 2), false).status());
        assertEquals(404, call("DELETE", "/classes/ApiMissing/nope123456", null, false).status());
    }

    @Test
    void deleteRemovesTheObject() {
        String id = (String) body(call("POST", "/classes/ApiDelete", Map.of("a", 1), true)).get("objectId");
        assertEquals(200, call("DELETE", "/classes/ApiDelete/" + id, null, false).status());
        assertEquals(404, call("GET", "/classes/ApiDelete/" + id, null, false).status());
    }

    @Test
    void findsWithWhereOrderLimitAndCount() {
        for (int i = 0; i < 5; i++) {
            call("POST", "/classes/ApiFind", Map.of("n", i, "even", i % 2 == 0), true);
        }
        ApiResponse found = call("GET", "/classes/ApiFind",
                Map.of("where", "{\"even\":true}", "order", "-n", "limit", "2", "count", "1"), false);
        assertEquals(3L, ((Number) body(found).get("count")).longValue());
        assertEquals(List.of(4, 2), results(found).stream().map(o -> ((Number) o.get("n")).intValue()).toList());
    }

    @Test
    void includeReplacesPointersWithObjects() {
        String teamId = (String) body(call("POST", "/classes/ApiTeam", Map.of("name", "red"), true)).get("objectId");
        call("POST", "/classes/ApiPlayer", Map.of("team",
                Map.of("__type", "Pointer", "className", "ApiTeam", "objectId", teamId)), true);
        Map<String, Object> player = results(call("GET", "/classes/ApiPlayer", Map.of("include", "team"), false))
                .get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> team = (Map<String, Object>) player.get("team");
        assertEquals("Object", team.get("__type"));
        assertEquals("red", team.get("name"));
    }

    @Test
    void relationsAreQueriedWithRelatedTo() {
        String a = (String) body(call("POST", "/classes/ApiMember", Map.of("n", 1), true)).get("objectId");
        call("POST", "/classes/ApiMember", Map.of("n", 2), true);
        String group = (String) body(call("POST", "/classes/ApiGroup", Map.of("members", Map.of("__op", "AddRelation",
                "objects", List.of(Map.of("__type", "Pointer", "className", "ApiMember", "objectId", a)))), true))
                .get("objectId");
        ApiResponse related = call("GET", "/classes/ApiMember", Map.of("where", Json.writeString(Map.of("$relatedTo",
                Map.of("object", Map.of("__type", "Pointer", "className", "ApiGroup", "objectId", group),
                        "key", "members")))), false);
        assertEquals(List.of(a), results(related).stream().map(o -> o.get("objectId")).toList());
    }

    @Test
    void pollutionKeysAreRefusedAndNothingIsWritten() {
        call("POST", "/classes/ApiSafe", Map.of("a", 1), true);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("b", Map.of("__proto__", Map.of("admin", true)));
        ApiResponse refused = call("POST", "/classes/ApiSafe", payload, true);
        assertEquals(400, refused.status());
        assertEquals(105, body(refused).get("code"));
        Document stored = database.getCollection("_SCHEMA").find(new Document("_id", "ApiSafe")).first();
        assertFalse(stored.containsKey("b"), "no schema field was added");
        assertEquals(1, database.getCollection("ApiSafe").countDocuments());
    }

    @Test
    void whereOperatorsThatRunCodeAreRefused() {
        call("POST", "/classes/ApiWhere", Map.of("a", 1), true);
        Map<String, Integer> expectedCodes = Map.of(
                "{\"$where\":\"sleep(100)\"}", 105,
                "{\"$expr\":{\"$eq\":[1,1]}}", 105,
                "{\"a\":{\"$where\":\"1\"}}", 107,
                "{\"a\":{\"$function\":{}}}", 107);
        expectedCodes.forEach((where, code) -> {
            ApiResponse response = call("GET", "/classes/ApiWhere", Map.of("where", where), true);
            assertEquals(400, response.status(), where);
            assertEquals(code, ((Number) body(response).get("code")).intValue(), where);
        });
    }

    @Test
    void objectsWithoutPublicAccessAreHiddenAndUnwritableForClients() {
        String id = (String) body(call("POST", "/classes/ApiAcl", Map.of("a", 1,
                "ACL", Map.of("someUser", Map.of("read", true, "write", true))), true)).get("objectId");
        assertEquals(404, call("GET", "/classes/ApiAcl/" + id, null, false).status());
        assertEquals(List.of(), results(call("GET", "/classes/ApiAcl", null, false)));
        assertEquals(404, call("PUT", "/classes/ApiAcl/" + id, Map.of("a", 2), false).status());
        assertEquals(404, call("DELETE", "/classes/ApiAcl/" + id, null, false).status());
        assertEquals(1, ((Number) body(call("GET", "/classes/ApiAcl/" + id, null, true)).get("a")).intValue());
    }

    @Test
    void classLevelPermissionsAreEnforcedForClientsAndBypassedByTheMasterKey() {
        call("POST", "/classes/ApiClp", Map.of("a", 1), true);
        Map<String, Object> closedFind = new LinkedHashMap<>();
        for (String op : List.of("get", "create", "update", "delete", "addField", "count")) {
            closedFind.put(op, Map.of("*", true));
        }
        closedFind.put("find", Map.of());
        ApiResponse saved = call("PUT", "/schemas/ApiClp", Map.of("classLevelPermissions", closedFind), true);
        assertEquals(200, saved.status(), () -> saved.body().toString());
        ApiResponse refused = call("GET", "/classes/ApiClp", null, false);
        assertEquals(119, body(refused).get("code"));
        assertEquals(1, results(call("GET", "/classes/ApiClp", null, true)).size());
    }

    @Test
    void deeplyNestedQueriesAreRefused() {
        Map<String, Object> where = Map.of("a", 1);
        for (int i = 0; i < 20; i++) {
            where = Map.of("$or", List.of(where));
        }
        call("POST", "/classes/ApiDeep", Map.of("a", 1), true);
        ApiResponse response = call("GET", "/classes/ApiDeep", Map.of("where", Json.writeString(where)), true);
        assertEquals(102, body(response).get("code"));
    }

    @Test
    void aPasswordResetWithoutMailAnswersParseServersErrorAsABadRequest() {
        ApiResponse response = call("POST", "/requestPasswordReset", Map.of("email", "a@example.com"), false);
        assertEquals(400, response.status());
        assertEquals(Map.of("code", 1, "error", "An appName, publicServerURL, and emailAdapter are required for "
                + "password reset and email verification functionality."), body(response));
    }

    @Test
    void aClientQueryOnAMissingClassSaysWhichClassAndWhatToDo() {
        ApiResponse response = call("GET", "/classes/ApiNoSuchClass", null, false);
        assertEquals(400, response.status());
        assertEquals(119, body(response).get("code"));
        assertEquals("This user is not allowed to access non-existent class ApiNoSuchClass: client class creation "
                + "is off for this app; create the class with the master key or turn on clientClassCreationEnabled",
                body(response).get("error"));
    }

    @Test
    void clientsCannotCreateClassesByDefault() {
        ApiResponse response = call("POST", "/classes/ApiNoClientClass", Map.of("a", 1), false);
        assertEquals(400, response.status());
        assertEquals(119, body(response).get("code"));
        assertEquals("This user is not allowed to create class ApiNoClientClass: client class creation is off for "
                + "this app; create the class with the master key or turn on clientClassCreationEnabled",
                body(response).get("error"));
        assertEquals(0, database.getCollection("_SCHEMA").countDocuments(new Document("_id", "ApiNoClientClass")));
    }

    @Test
    void typeMismatchIs111() {
        call("POST", "/classes/ApiTypes", Map.of("score", 1), true);
        ApiResponse response = call("POST", "/classes/ApiTypes", Map.of("score", "one"), true);
        assertEquals(111, body(response).get("code"));
    }

    @Test
    void batchRunsEachRequestAndReportsEachOutcome() {
        call("POST", "/classes/ApiBatch", Map.of("a", 0), true);
        List<Object> requests = new ArrayList<>();
        requests.add(Map.of("method", "POST", "path", "/parse/classes/ApiBatch", "body", Map.of("a", 1)));
        requests.add(Map.of("method", "POST", "path", "/parse/classes/ApiBatch", "body", Map.of("a", "wrong type")));
        ApiResponse response = call("POST", "/batch", Map.of("requests", requests), false);
        assertEquals(200, response.status(), () -> response.body().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) response.body();
        assertTrue(outcomes.get(0).containsKey("success"));
        assertTrue(outcomes.get(1).containsKey("error"));
    }

    @Test
    void batchedCreatesAreStoredTogetherYetFailOneByOne() {
        call("POST", "/classes/ApiBulk", Map.of("code", 0), true);
        database.getCollection("ApiBulk").createIndex(new Document("code", 1),
                new com.mongodb.client.model.IndexOptions().unique(true));
        List<Object> requests = new ArrayList<>();
        for (Object code : List.of(1, 1, "text", 2)) {
            requests.add(Map.of("method", "POST", "path", "/parse/classes/ApiBulk", "body", Map.of("code", code)));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) call("POST", "/batch",
                Map.of("requests", requests), false).body();
        assertTrue(outcomes.get(0).containsKey("success"));
        assertEquals(137, ((Map<?, ?>) outcomes.get(1).get("error")).get("code"));
        assertEquals(111, ((Map<?, ?>) outcomes.get(2).get("error")).get("code"));
        assertTrue(outcomes.get(3).containsKey("success"));
        assertEquals(3, database.getCollection("ApiBulk").countDocuments());
    }

    @Test
    void batchOverTheLimitIsRefused() {
        List<Object> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(Map.of("method", "POST", "path", "/parse/classes/ApiBatchLimit", "body", Map.of("a", i)));
        }
        ApiResponse response = call("POST", "/batch", Map.of("requests", requests), true);
        assertEquals(400, response.status());
        assertEquals(0, database.getCollection("ApiBatchLimit").countDocuments());
    }

    @Test
    void masterKeyOnlyConfigIsHiddenFromClients() {
        ApiResponse saved = call("PUT", "/config", Map.of("params", Map.of("open", 1, "secret", 2),
                "masterKeyOnly", Map.of("secret", true)), true);
        assertEquals(200, saved.status(), () -> saved.body().toString());
        assertEquals(Map.of("open", 1), body(call("GET", "/config", null, false)).get("params"));
        assertEquals(Map.of("open", 1, "secret", 2), body(call("GET", "/config", null, true)).get("params"));
        assertEquals(403, call("PUT", "/config", Map.of("params", Map.of("open", 3)), false).status());
    }

    @Test
    void schemasNeedTheMasterKey() {
        ApiResponse response = call("GET", "/schemas", null, false);
        assertEquals(403, response.status());
        assertEquals("Permission denied", body(response).get("error"));
    }
}
