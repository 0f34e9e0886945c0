package dev.reparse.runtime.http;

import static dev.reparse.runtime.http.TestApi.body;
import static dev.reparse.runtime.http.TestApi.code;
import static dev.reparse.runtime.http.TestApi.results;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.idempotency.IdempotencyConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parse Server's idempotencyOptions: a repeated X-Parse-Request-Id on a configured path runs once. */
class DeduplicationIT {
    private static IdempotencyConfig config(List<String> paths) {
        return new IdempotencyConfig() {
            @Override
            public Optional<List<String>> paths() {
                return paths.isEmpty() ? Optional.empty() : Optional.of(paths);
            }

            @Override
            public Duration ttl() {
                return Duration.ofMinutes(5);
            }
        };
    }

    private static ApiRequest request(String method, String path, Map<String, Object> body, String masterKey) {
        return new ApiRequest(method, path, new LinkedHashMap<>(body), new ApiRequest.Credentials(TestApi.APP,
                masterKey, null, null, null, null, null, null), "http://localhost/parse");
    }

    private static int stored(TestApi app, String className) {
        return results(app.call("GET", "/classes/" + className, null, true)).size();
    }

    @Test
    void aRepeatedRequestIdIsAnsweredWith159AndRunsOnce() {
        TestApi app = TestApi.start("dedup", AppSettings.Limits.defaults());
        Deduplication dedup = new Deduplication(config(List.of("classes/.*", "users")));
        ApiRequest create = request("POST", "/classes/Dedup", Map.of("n", 1), null);
        assertEquals(201, dedup.handle(app.api, create, "req-1").status());
        ApiResponse again = dedup.handle(app.api, create, "req-1");
        assertEquals(400, again.status());
        assertEquals(159, code(again));
        assertEquals("Duplicate request", body(again).get("error"));
        assertEquals(1, stored(app, "Dedup"));
        assertEquals(201, dedup.handle(app.api, create, "req-2").status());
        assertEquals(201, dedup.handle(app.api, create, null).status());
        assertEquals(201, dedup.handle(app.api, create, null).status());
        assertEquals(4, stored(app, "Dedup"));
    }

    @Test
    void updatesAndSignUpsAreCoveredReadsAndOtherPathsAreNot() {
        TestApi app = TestApi.start("dedup2", AppSettings.Limits.defaults());
        Deduplication dedup = new Deduplication(config(List.of("classes/.*", "users")));
        String id = (String) body(app.call("POST", "/classes/Dedup", Map.of("n", 1), true)).get("objectId");
        ApiRequest update = request("PUT", "/classes/Dedup/" + id, Map.of("n", Map.of("__op", "Increment",
                "amount", 1)), null);
        assertEquals(200, dedup.handle(app.api, update, "put-1").status());
        assertEquals(159, code(dedup.handle(app.api, update, "put-1")));
        assertEquals(2, ((Number) body(app.call("GET", "/classes/Dedup/" + id, null, true)).get("n")).intValue());
        ApiRequest signUp = request("POST", "/users", Map.of("username", "dd", "password", "pw"), null);
        assertEquals(201, dedup.handle(app.api, signUp, "user-1").status());
        assertEquals(159, code(dedup.handle(app.api, signUp, "user-1")));
        ApiRequest read = request("GET", "/classes/Dedup", Map.of(), null);
        assertEquals(200, dedup.handle(app.api, read, "get-1").status());
        assertEquals(200, dedup.handle(app.api, read, "get-1").status());
        ApiRequest config = request("PUT", "/config", Map.of("params", Map.of("a", 1)), TestApi.MASTER);
        assertEquals(200, dedup.handle(app.api, config, "cfg-1").status());
        assertEquals(200, dedup.handle(app.api, config, "cfg-1").status());
    }

    @Test
    void aRequestRefusedForItsKeysDoesNotUseUpItsId() {
        TestApi app = TestApi.start("dedup3", AppSettings.Limits.defaults());
        Deduplication dedup = new Deduplication(config(List.of("classes/.*")));
        ApiRequest badKey = new ApiRequest("POST", "/classes/Dedup", new LinkedHashMap<>(Map.of("n", 1)),
                new ApiRequest.Credentials("another-app", null, null, null, null, null, null, null), null);
        assertEquals(403, dedup.handle(app.api, badKey, "req-x").status());
        assertEquals(201, dedup.handle(app.api, request("POST", "/classes/Dedup", Map.of("n", 1), null), "req-x")
                .status());
    }

    @Test
    void offWithoutPathsAsInParseServer() {
        TestApi app = TestApi.start("dedup4", AppSettings.Limits.defaults());
        Deduplication dedup = new Deduplication(config(List.of()));
        ApiRequest create = request("POST", "/classes/Dedup", Map.of("n", 1), null);
        assertEquals(201, dedup.handle(app.api, create, "same").status());
        assertEquals(201, dedup.handle(app.api, create, "same").status());
        assertEquals(2, stored(app, "Dedup"));
    }
}
