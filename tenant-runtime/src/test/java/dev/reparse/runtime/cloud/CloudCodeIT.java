package dev.reparse.runtime.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.reparse.protocol.Json;
import dev.reparse.runtime.http.ApiRequest;
import dev.reparse.runtime.http.ApiResponse;
import dev.reparse.runtime.http.ParseApi;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud Code through the REST routes, with a real Node.js runner and the official Parse SDK, over the real core on
 * the in-memory mongo-java-server. One runtime for the class: starting a runner takes a few hundred milliseconds.
 */
class CloudCodeIT {
    private static final String MAIN = """
            Parse.Cloud.define('hello', req => ({ hi: req.params.name, user: req.user ? req.user.get('username') : null,
              master: req.master }));
            Parse.Cloud.define('legacy', function (req, res) { res.success('ok ' + req.params.n); });
            Parse.Cloud.define('legacyFail', function (req, res) { res.error('nope'); });
            Parse.Cloud.define('coded', () => { throw new Parse.Error(137, 'taken'); });
            Parse.Cloud.define('thrown', () => { throw new Error('boom'); });
            Parse.Cloud.define('loop', () => { while (true) {} });
            Parse.Cloud.define('crash', () => { process.exit(3); });
            Parse.Cloud.define('whoAmI', async () => {
              await new Promise(r => setTimeout(r, Math.random() * 20));
              const u = Parse.User.current();
              return { id: u ? u.id : null };
            });
            Parse.Cloud.define('masterThenWait', async () => {
              Parse.Cloud.useMasterKey();
              await new Promise(r => setTimeout(r, 30));
              return new Parse.Query('Secret').count();
            });
            Parse.Cloud.define('countSecrets', async () => new Parse.Query('Secret').count());
            Parse.Cloud.define('env', () => ({ env: process.env, argv: process.argv }));
            Parse.Cloud.define('needsUser', () => 'in', { requireUser: true });
            Parse.Cloud.beforeSave('Game', req => {
              if (req.object.get('score') < 0) throw new Parse.Error(142, 'negative');
              req.object.set('checked', true);
            });
            Parse.Cloud.afterSave('Game', req => console.log('saved game ' + req.object.id));
            Parse.Cloud.job('nightly', () => 'done');
            """;

    @TempDir
    static Path code;
    private static CloudTestApp app;
    private static ParseApi api;
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(code.resolve("main.js"), MAIN);
        app = new CloudTestApp("cloud", code, Optional.empty(), Duration.ofSeconds(2));
        api = app.api;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void functionGetsParamsAndCallerAndAnswersItsResult() {
        ApiResponse answer = call("/functions/hello", Map.of("name", "ann"), null, false);
        assertEquals(200, answer.status());
        assertEquals(Map.of("hi", "ann", "master", false), ((Map<?, ?>) body(answer).get("result")).entrySet().stream()
                .filter(e -> e.getValue() != null).collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
        String token = signUp("funcuser");
        Map<?, ?> result = (Map<?, ?>) body(call("/functions/hello", Map.of("name", "x"), token, false)).get("result");
        assertEquals("funcuser", result.get("user"));
    }

    @Test
    void parseComStyleResponseCallbacksWork() {
        assertEquals("ok 7", body(call("/functions/legacy", Map.of("n", 7), null, false)).get("result"));
        assertError(call("/functions/legacyFail", Map.of(), null, false), 141, "nope");
    }

    @Test
    void errorsKeepTheirParseCodeOrBecome141() {
        assertError(call("/functions/coded", Map.of(), null, false), 137, "taken");
        assertError(call("/functions/thrown", Map.of(), null, false), 141, "boom");
        assertError(call("/functions/missing", Map.of(), null, false), 141, "Invalid function: \"missing\"");
        assertError(call("/functions/needsUser", Map.of(), null, false), 142,
                "Validation failed. Please login to continue.");
    }

    @Test
    void beforeSaveChangesTheObjectAndTheAnswerShowsIt() {
        ApiResponse created = call("/classes/Game", Map.of("score", 3), null, true);
        assertEquals(201, created.status());
        assertEquals(true, body(created).get("checked"));
        String id = (String) body(created).get("objectId");
        assertEquals(true, body(get("/classes/Game/" + id)).get("checked"));
        assertError(call("/classes/Game", Map.of("score", -1), null, true), 142, "negative");
    }

    @Test
    void parseComCurrentUserAndMasterKeyStayWithinTheirOwnInvocation() throws Exception {
        call("/classes/Secret", Map.of("ACL", Map.of()), null, true);
        String ann = signUp("ann_cc");
        String bob = signUp("bob_cc");
        String annId = (String) body(call("/users/me", null, ann, false, "GET")).get("objectId");
        String bobId = (String) body(call("/users/me", null, bob, false, "GET")).get("objectId");
        List<Future<Object[]>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean asAnn = i % 2 == 0;
            calls.add(EXECUTOR.submit(() -> new Object[] {asAnn,
                    ((Map<?, ?>) body(call("/functions/whoAmI", Map.of(), asAnn ? ann : bob, false)).get("result")).get("id")}));
            if (i % 5 == 0) {
                calls.add(EXECUTOR.submit(() -> new Object[] {null,
                        body(call("/functions/masterThenWait", Map.of(), null, false)).get("result")}));
            }
            calls.add(EXECUTOR.submit(() -> new Object[] {"public",
                    body(call("/functions/countSecrets", Map.of(), null, false)).get("result")}));
        }
        for (Future<Object[]> future : calls) {
            Object[] outcome = future.get();
            if (outcome[0] instanceof Boolean asAnn) {
                assertEquals(asAnn ? annId : bobId, outcome[1]);
            } else if (outcome[0] == null) {
                assertEquals(1, ((Number) outcome[1]).intValue(), "useMasterKey() sees the locked object");
            } else {
                assertEquals(0, ((Number) outcome[1]).intValue(), "another call's useMasterKey() never leaks");
            }
        }
    }

    @Test
    void anEndlessLoopIsCutOffAndTheNextCallWorks() {
        long started = System.nanoTime();
        ApiResponse looped = call("/functions/loop", Map.of(), null, false);
        assertError(looped, 141, null);
        assertTrue(String.valueOf(body(looped).get("error")).contains("timed out"), body(looped).toString());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000);
        long next = System.nanoTime();
        assertEquals(200, call("/functions/legacy", Map.of("n", 1), null, false).status());
        assertTrue(Duration.ofNanos(System.nanoTime() - next).toMillis() < 3000, "the next call came back quickly");
    }

    @Test
    void aCrashingRunnerIsRestarted() {
        assertError(call("/functions/crash", Map.of(), null, false), 141, null);
        assertEquals(200, call("/functions/legacy", Map.of("n", 2), null, false).status());
    }

    @Test
    void theRunnersEnvironmentHoldsNoSecrets() {
        Map<?, ?> result = (Map<?, ?>) body(call("/functions/env", Map.of(), null, true)).get("result");
        String seen = Json.writeString(result);
        assertFalse(seen.contains("master"), seen);
        assertFalse(seen.toLowerCase(java.util.Locale.ROOT).contains("mongodb"), seen);
        assertEquals(java.util.Set.of("PATH", "HOME", "LANG", "TZ", "NODE_ENV", "REPARSE_APP_ID", "REPARSE_SERVER_URL",
                "REPARSE_CLOUD_MAIN"), ((Map<?, ?>) result.get("env")).keySet());
    }

    @Test
    void scriptLogShowsWhatTheCodePrinted() throws Exception {
        call("/classes/Game", Map.of("score", 1), null, true);
        List<?> lines = (List<?>) call("/scriptlog", Map.of("n", "50"), null, true, "GET").body();
        assertTrue(lines.stream().anyMatch(line -> String.valueOf(((Map<?, ?>) line).get("message")).startsWith("saved game")),
                lines.toString());
    }

    @Test
    void parseDashboardSchedulesJobsThroughCloudCodeJobs() {
        Map<String, Object> schedule = Map.of("jobName", "nightly", "description", "every night", "params", "{}",
                "daysOfWeek", List.of(1, 1, 1, 1, 1, 1, 1), "timeOfDay", "03:00:00.000Z", "repeatMinutes", 1440);
        ApiResponse created = call("/cloud_code/jobs", Map.of("job_schedule", schedule), null, true);
        assertEquals(200, created.status(), String.valueOf(created.body()));
        String id = (String) body(created).get("objectId");
        List<?> listed = (List<?>) get("/cloud_code/jobs").body();
        Map<?, ?> row = listed.stream().map(r -> (Map<?, ?>) r).filter(r -> id.equals(r.get("objectId"))).findFirst()
                .orElseThrow();
        assertEquals("03:00:00.000Z", row.get("timeOfDay"));
        assertTrue(row.get("startAfter") instanceof String, "startAfter defaults to now: " + row);
        assertEquals(List.of("nightly"), ((List<?>) body(get("/cloud_code/jobs/data")).get("in_use")).stream().distinct()
                .toList());
        assertEquals(200, call("/cloud_code/jobs/" + id, Map.of("job_schedule", Map.of("repeatMinutes", 60)), null, true,
                "PUT").status());
        assertEquals(200, call("/cloud_code/jobs/" + id, null, null, true, "DELETE").status());
        assertTrue(((List<?>) get("/cloud_code/jobs").body()).stream().noneMatch(r -> id.equals(((Map<?, ?>) r)
                .get("objectId"))));
    }

    @Test
    void schedulingAJobTheCodeDoesNotDefineOrWithoutTheMasterKeyIsRefused() {
        assertError(call("/cloud_code/jobs", Map.of("job_schedule", Map.of("jobName", "missing")), null, true), 1,
                "Cannot Schedule a job that is not deployed");
        assertError(call("/cloud_code/jobs", Map.of("job_schedule", "nightly"), null, true), 107, null);
        ApiResponse withoutMaster = call("/cloud_code/jobs", Map.of("job_schedule", Map.of("jobName", "nightly")), null,
                false);
        assertEquals(403, withoutMaster.status());
    }

    @Test
    void webhookFunctionIsCalledWithTheProtocolAndTheKey() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> keys = new ArrayList<>();
        server.createContext("/fn", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("X-Parse-Webhook-Key"));
            Map<?, ?> request = (Map<?, ?>) Json.parse(exchange.getRequestBody().readAllBytes());
            byte[] answer = Json.write(Map.of("success", "hooked " + ((Map<?, ?>) request.get("params")).get("x")));
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/fn";
            assertEquals(200, call("/hooks/functions", Map.of("functionName", "viaHook", "url", url), null, true).status());
            assertEquals("hooked 5", body(call("/functions/viaHook", Map.of("x", 5), null, false)).get("result"));
            assertEquals(List.of("hook-key"), keys);
            assertError(call("/hooks/functions", Map.of("functionName", "meta",
                    "url", "http://169.254.169.254/latest/meta-data"), null, true), 143, null);
            assertError(call("/hooks/functions", Map.of("functionName", "local",
                    "url", "http://localhost:" + server.getAddress().getPort() + "/fn"), null, true), 143, null);
            assertEquals(200, call("/hooks/functions/viaHook", Map.of("__op", "Delete"), null, true, "PUT").status());
            assertError(call("/functions/viaHook", Map.of(), null, false), 141, "Invalid function: \"viaHook\"");
        } finally {
            server.stop(0);
        }
    }

    // ---- helpers ----

    private static String signUp(String username) {
        ApiResponse answer = call("/users", Map.of("username", username, "password", "pw"), null, false);
        return (String) body(answer).get("sessionToken");
    }

    private static ApiResponse get(String path) {
        return call(path, null, null, true, "GET");
    }

    private static ApiResponse call(String path, Map<String, Object> body, String token, boolean master) {
        return call(path, body, token, master, "POST");
    }

    private static ApiResponse call(String path, Map<String, Object> body, String token, boolean master, String method) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials("app", master ? "master" : null, null, null, null,
                null, token, null);
        return api.handle(new ApiRequest(method, path, body == null ? new java.util.LinkedHashMap<>()
                : new java.util.LinkedHashMap<>(body), credentials, "http://localhost/parse"));
    }

    private static Map<?, ?> body(ApiResponse response) {
        return (Map<?, ?>) response.body();
    }

    private static void assertError(ApiResponse response, int code, String message) {
        Map<?, ?> body = body(response);
        assertEquals(code, ((Number) body.get("code")).intValue(), body.toString());
        if (message != null) {
            assertEquals(message, body.get("error"));
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
