package dev.reparse.runtime.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.http.ApiRequest;
import dev.reparse.runtime.http.ApiResponse;
import dev.reparse.runtime.http.ParseApi;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL API through the same entry as REST ({@code ParseApi}, path {@code /graphql}), over the real core and
 * Mongo adapter on the in-memory mongo-java-server: queries, mutations, users, ACLs and the request guards.
 */
class GraphQLApiIT {
    private static final String APP = "app";
    private static final String MASTER = "master";
    private static final String JS_KEY = "jskey";

    private ParseApi api;

    @BeforeEach
    void start() {
        MongoStorageAdapter storage = new MongoStorageAdapter(TestMongo.freshDatabase("graphql"));
        AppSettings.Keys keys = new AppSettings.Keys(MASTER, Optional.empty(), Optional.of(JS_KEY), Optional.empty(),
                Optional.empty(), Optional.empty());
        AppSettings settings = new AppSettings(APP, keys, AppSettings.Limits.defaults(), true);
        AppContext app = new AppContext(settings, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(7)));
        ParseCore core = new ParseCore(app);
        core.initialize();
        api = new ParseApi(core, "/parse");
        api.useGraphQL(new GraphQLOptions(false, 6, 200));
        for (int i = 1; i <= 5; i++) {
            rest("POST", "/classes/GameScore", Map.of("playerName", "p" + i, "score", i * 10, "cheat", i == 3), MASTER);
        }
    }

    @Test
    void findsWithWhereOrderFirstAfterAndCount() {
        Map<String, Object> data = data(gql("""
                { gameScores(where: {score: {greaterThan: 15}}, order: [score_DESC], first: 2) {
                    count edges { cursor node { id objectId playerName score } } pageInfo { hasNextPage endCursor } } }""",
                null, null));
        Map<String, Object> scores = map(data.get("gameScores"));
        assertEquals(4, ((Number) scores.get("count")).intValue());
        List<Object> edges = list(scores.get("edges"));
        assertEquals(List.of("p5", "p4"), edges.stream().map(e -> map(map(e).get("node")).get("playerName")).toList());
        Map<String, Object> first = map(map(edges.get(0)).get("node"));
        assertEquals(globalId("GameScore", (String) first.get("objectId")), first.get("id"));
        assertEquals(true, map(scores.get("pageInfo")).get("hasNextPage"));

        String after = (String) map(scores.get("pageInfo")).get("endCursor");
        Map<String, Object> next = map(data(gql("""
                query Next($after: String) { gameScores(where: {score: {greaterThan: 15}}, order: [score_DESC],
                    first: 2, after: $after) { edges { node { playerName } } pageInfo { hasNextPage } } }""",
                Map.of("after", after), null)).get("gameScores"));
        assertEquals(List.of("p3", "p2"), list(next.get("edges")).stream()
                .map(e -> map(map(e).get("node")).get("playerName")).toList());
        assertEquals(false, map(next.get("pageInfo")).get("hasNextPage"));
    }

    @Test
    void translatesRestConstraintsAndCompounds() {
        Map<String, Object> data = data(gql("""
                { gameScores(where: {OR: [{playerName: {in: ["p1", "p2"]}}, {cheat: {equalTo: true}}],
                                     playerName: {matchesRegex: "^P", options: "i"}}, order: [playerName_ASC]) {
                    count edges { node { playerName } } } }""", null, null));
        Map<String, Object> scores = map(data.get("gameScores"));
        assertEquals(3, ((Number) scores.get("count")).intValue());
        assertEquals(List.of("p1", "p2", "p3"), list(scores.get("edges")).stream()
                .map(e -> map(map(e).get("node")).get("playerName")).toList());
    }

    @Test
    void getsByGlobalOrObjectIdAndAsNode() {
        List<Object> found = list(map(rest("GET", "/classes/GameScore", Map.of("where", Map.of("playerName", "p2")),
                MASTER).body()).get("results"));
        String id = (String) map(found.get(0)).get("objectId");
        Map<String, Object> byObjectId = map(data(gql("{ gameScore(id: \"" + id + "\") { score } }", null, null))
                .get("gameScore"));
        assertEquals(20.0, ((Number) byObjectId.get("score")).doubleValue());
        Map<String, Object> node = map(data(gql("{ node(id: \"" + globalId("GameScore", id)
                + "\") { id ... on GameScore { playerName } } }", null, null)).get("node"));
        assertEquals("p2", node.get("playerName"));
    }

    @Test
    void createsUpdatesAndDeletesWithRelayInputs() {
        Map<String, Object> created = map(data(gql("""
                mutation { createGameScore(input: {clientMutationId: "c1", fields: {playerName: "new", score: 7}}) {
                    clientMutationId gameScore { id objectId playerName score createdAt updatedAt ACL { public { read } } } } }""",
                null, null)).get("createGameScore"));
        assertEquals("c1", created.get("clientMutationId"));
        Map<String, Object> score = map(created.get("gameScore"));
        assertEquals("new", score.get("playerName"));
        assertNotNull(score.get("createdAt"));
        String id = (String) score.get("id");

        Map<String, Object> updated = map(map(data(gql("""
                mutation Up($id: ID!) { updateGameScore(input: {id: $id, fields: {score: 8, playerName: null}}) {
                    gameScore { score playerName } } }""", Map.of("id", id), null)).get("updateGameScore"))
                .get("gameScore"));
        assertEquals(8.0, ((Number) updated.get("score")).doubleValue());
        assertNull(updated.get("playerName"));

        Map<String, Object> deleted = map(map(data(gql("mutation Del($id: ID!) { deleteGameScore(input: {id: $id}) "
                + "{ gameScore { objectId score } } }", Map.of("id", id), null)).get("deleteGameScore")).get("gameScore"));
        assertEquals(8.0, ((Number) deleted.get("score")).doubleValue());
        Map<String, Object> gone = gql("{ gameScore(id: \"" + id + "\") { objectId } }", null, null);
        assertEquals(101, code(gone));
    }

    @Test
    void signsUpLogsInShowsViewerAndLogsOut() {
        Map<String, Object> signUp = map(data(gql("""
                mutation { signUp(input: {fields: {username: "alice", password: "pw"}}) {
                    viewer { sessionToken user { id username } } } }""", null, null)).get("signUp"));
        Map<String, Object> viewer = map(signUp.get("viewer"));
        assertTrue(((String) viewer.get("sessionToken")).startsWith("r:"));
        assertEquals("alice", map(viewer.get("user")).get("username"));

        Map<String, Object> logIn = map(map(data(gql("""
                mutation { logIn(input: {username: "alice", password: "pw"}) { viewer { sessionToken } } }""",
                null, null)).get("logIn")).get("viewer"));
        String token = (String) logIn.get("sessionToken");
        Map<String, Object> me = map(data(gql("{ viewer { user { username } } }", null, token)).get("viewer"));
        assertEquals("alice", map(me.get("user")).get("username"));
        assertEquals(101, code(gql("mutation { logIn(input: {username: \"alice\", password: \"bad\"}) "
                + "{ viewer { sessionToken } } }", null, null)));

        assertEquals(true, map(data(gql("mutation { logOut(input: {}) { ok } }", null, token)).get("logOut")).get("ok"));
        assertEquals(209, ((Number) map(call(Map.of("query", "{ viewer { sessionToken } }"), null, token).body())
                .get("code")).intValue());
        assertEquals(209, code(gql("{ viewer { sessionToken } }", null, null)));
    }

    @Test
    void anAclHidesAnObjectFromAnotherUserAsInRest() {
        String alice = token("alice");
        String bob = token("bob");
        Map<String, Object> created = map(map(data(gql("""
                mutation { createGameScore(input: {fields: {playerName: "secret", score: 1,
                    ACL: {users: [{userId: "%s", read: true, write: true}]}}}) {
                    gameScore { id ACL { users { userId read } public { read } } } } }"""
                .formatted(userId(alice)), null, alice)).get("createGameScore")).get("gameScore"));
        Map<String, Object> acl = map(created.get("ACL"));
        assertEquals(globalId("_User", userId(alice)), map(list(acl.get("users")).get(0)).get("userId"));
        assertNull(acl.get("public"));
        String query = "{ gameScores(where: {playerName: {equalTo: \"secret\"}}) { count } }";
        assertEquals(1, count(gql(query, null, alice)));
        assertEquals(0, count(gql(query, null, bob)));
        assertEquals(0, count(gql(query, null, null)));
        assertEquals(101, code(gql("{ gameScore(id: \"" + created.get("id") + "\") { id } }", null, bob)));
        assertEquals(101, code(gql("mutation { deleteGameScore(input: {id: \"" + created.get("id") + "\"}) "
                + "{ gameScore { id } } }", null, bob)));
    }

    @Test
    void introspectionNeedsTheMasterKeyUnlessPublic() {
        ApiResponse refused = call(Map.of("query", "{ __schema { queryType { name } } }"), null, null);
        assertEquals(403, refused.status());
        assertEquals("Introspection is not allowed", map(list(map(refused.body()).get("errors")).get(0)).get("message"));
        assertEquals(403, call(Map.of("query", "{ __type(name: \"GameScore\") { name } }"), null, null).status());
        assertEquals(200, call(Map.of("query", "{ health __typename }"), null, null).status());
        ApiResponse master = call(Map.of("query", "{ __schema { queryType { name } } }"), MASTER, null);
        assertEquals(200, master.status());
        api.useGraphQL(new GraphQLOptions(true, 6, 200));
        assertEquals(200, call(Map.of("query", "{ __schema { queryType { name } } }"), null, null).status());
    }

    @Test
    void tooDeepOrTooWideQueriesAreRefusedWithoutTheMasterKey() {
        String alice = token("alice");
        rest("POST", "/classes/GameScore", Map.of("playerName", "owned", "owner",
                Map.of("__type", "Pointer", "className", "_User", "objectId", userId(alice))), MASTER);
        String sixLevels = "{ gameScores { edges { node { ACL { users { userId } } } } } }";
        assertEquals(200, call(Map.of("query", sixLevels), null, null).status());
        String sevenLevels = "{ gameScores { edges { node { owner { ACL { public { read } } } } } } }";
        ApiResponse refused = call(Map.of("query", sevenLevels), null, alice);
        assertEquals(400, refused.status());
        Map<String, Object> error = map(list(map(refused.body()).get("errors")).get(0));
        assertEquals("GraphQL query depth of 7 exceeds maximum allowed depth of 6", error.get("message"));
        assertNull(map(refused.body()).get("data"));
        String viaFragment = "fragment F on _User { ACL { public { read } } } "
                .replace("_User", "User") + "{ gameScores { edges { node { owner { ...F } } } } }";
        assertEquals(400, call(Map.of("query", viaFragment), null, alice).status());
        assertEquals(200, call(Map.of("query", sevenLevels), MASTER, null).status());

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i <= 200; i++) {
            wide.append(" a").append(i).append(": health");
        }
        ApiResponse tooWide = call(Map.of("query", wide.append(" }").toString()), null, null);
        assertEquals(400, tooWide.status());
        assertEquals("Number of GraphQL fields (201) exceeds maximum allowed (200)",
                map(list(map(tooWide.body()).get("errors")).get(0)).get("message"));
    }

    @Test
    void schemaFollowsANewFieldWithoutRestart() {
        assertEquals(400, call(Map.of("query", "{ gameScores { edges { node { level } } } }"), MASTER, null).status());
        rest("POST", "/classes/GameScore", Map.of("playerName", "x", "level", "hard"), MASTER);
        Map<String, Object> scores = map(data(gqlMaster("{ gameScores(where: {level: {exists: true}}) "
                + "{ edges { node { level } } } }")).get("gameScores"));
        assertEquals("hard", map(map(list(scores.get("edges")).get(0)).get("node")).get("level"));
    }

    @Test
    void aClassWhoseNamesAreTakenIsLeftOutAndTheRestStillServes() {
        rest("POST", "/classes/PageInfo", Map.of("x", 1), MASTER);
        rest("POST", "/classes/GameScoreEdge", Map.of("x", 1), MASTER);
        Map<String, Object> scores = map(data(gql("{ gameScores { count pageInfo { hasNextPage } } }", null, null))
                .get("gameScores"));
        assertEquals(5, ((Number) scores.get("count")).intValue());
        assertEquals(400, call(Map.of("query", "{ gameScoreEdges { count } }"), null, null).status());
    }

    @Test
    void keysAreCheckedAsForRest() {
        ApiRequest.Credentials wrong = new ApiRequest.Credentials(APP, null, "nope", null, null, null, null, null);
        ApiResponse refused = api.handle(new ApiRequest("POST", "/graphql", new LinkedHashMap<>(Map.of("query",
                "{ health }")), wrong, "http://localhost/parse"));
        assertEquals(403, refused.status());
        assertEquals("unauthorized", map(refused.body()).get("error"));
    }

    // ---- helpers ----

    private String token(String username) {
        return (String) map(rest("POST", "/users", Map.of("username", username, "password", "pw"), null).body())
                .get("sessionToken");
    }

    private String userId(String token) {
        Map<String, Object> viewer = map(data(gql("{ viewer { user { objectId } } }", null, token)).get("viewer"));
        return (String) map(viewer.get("user")).get("objectId");
    }

    private Map<String, Object> gqlMaster(String query) {
        return map(call(Map.of("query", query), MASTER, null).body());
    }

    private Map<String, Object> gql(String query, Map<String, Object> variables, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        return map(call(body, null, token).body());
    }

    private ApiResponse call(Map<String, Object> body, String masterKey, String token) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(APP, masterKey, JS_KEY, null, null, null, token,
                null);
        Map<String, Object> params = map(Json.parse(Json.writeString(body)));
        return api.handle(new ApiRequest("POST", "/graphql", params, credentials, "http://localhost/parse"));
    }

    private ApiResponse rest(String method, String path, Map<String, Object> body, String masterKey) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(APP, masterKey, JS_KEY, null, null, null, null,
                null);
        Map<String, Object> params = map(Json.parse(Json.writeString(body)));
        return api.handle(new ApiRequest(method, path, params, credentials, "http://localhost/parse"));
    }

    private static Map<String, Object> data(Map<String, Object> answer) {
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        return map(answer.get("data"));
    }

    private static int count(Map<String, Object> answer) {
        return ((Number) map(data(answer).get("gameScores")).get("count")).intValue();
    }

    private static int code(Map<String, Object> answer) {
        List<Object> errors = list(answer.get("errors"));
        return ((Number) map(map(errors.get(0)).get("extensions")).get("code")).intValue();
    }

    private static String globalId(String className, String objectId) {
        return Base64.getEncoder().encodeToString((className + ":" + objectId).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
