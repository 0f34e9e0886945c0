package dev.reparse.runtime.http;

import static dev.reparse.runtime.http.TestApi.body;
import static dev.reparse.runtime.http.TestApi.code;
import static dev.reparse.runtime.http.TestApi.results;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys of a create or update body, in every form they can take: dotted paths, nested objects, arrays. */
class DottedKeysIT {
    private static TestApi app;

    @BeforeAll
    static void start() {
        app = TestApi.start("dotted", AppSettings.Limits.defaults());
    }

    private static ApiResponse raw(String method, String path, String json) {
        return app.call(method, path, Json.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), false);
    }

    private static long count(String className) {
        return results(app.call("GET", "/classes/" + className, null, true)).size();
    }

    @Test
    void aDottedKeyOnCreateIsTheNestedField() {
        ApiResponse created = raw("POST", "/classes/DotNest", "{\"a.b\":1,\"a.c.d\":\"x\",\"e\":2}");
        assertEquals(201, created.status(), () -> created.body().toString());
        Map<String, Object> stored = body(app.call("GET", "/classes/DotNest/" + body(created).get("objectId"), null,
                false));
        assertEquals(Map.of("b", 1, "c", Map.of("d", "x")), stored.get("a"));
        assertEquals(null, stored.get("a.b"));
        assertEquals(1, results(app.call("GET", "/classes/DotNest", Map.of("where", "{\"a.b\":1}"), false)).size());
    }

    @Test
    void aDottedKeyOnCreateMergesIntoTheSameObjectAndRefusesConflicts() {
        ApiResponse merged = raw("POST", "/classes/DotMerge", "{\"a\":{\"x\":1},\"a.y\":2}");
        assertEquals(201, merged.status(), () -> merged.body().toString());
        assertEquals(105, code(raw("POST", "/classes/DotMerge", "{\"a\":5,\"a.y\":2}")));
        assertEquals(105, code(raw("POST", "/classes/DotMerge", "{\"a\":{\"y\":1},\"a.y\":2}")));
        assertEquals(105, code(raw("POST", "/classes/DotMerge", "{\"list.0\":2}")));
        assertEquals(105, code(raw("POST", "/classes/DotMerge", "{\"a.n\":{\"__op\":\"Increment\",\"amount\":1}}")));
        assertEquals(1, count("DotMerge"));
    }

    @Test
    void prohibitedWordsInADottedPathAreRefusedOnCreateAndUpdate() {
        String id = (String) body(raw("POST", "/classes/DotProto", "{\"a\":{\"b\":1}}")).get("objectId");
        for (String key : List.of("a.__proto__.x", "a.constructor.prototype", "a._bsontype", "a.prototype.y", "a.$set")) {
            String json = "{\"" + key + "\":1}";
            assertEquals(105, code(raw("POST", "/classes/DotProto", json)), "create " + key);
            assertEquals(105, code(raw("PUT", "/classes/DotProto/" + id, json)), "update " + key);
        }
        assertEquals(1, count("DotProto"));
        assertEquals(Map.of("b", 1), body(app.call("GET", "/classes/DotProto/" + id, null, true)).get("a"));
    }

    @Test
    void prohibitedWordsInsideNestedArraysAreRefused() {
        assertEquals(105, code(raw("POST", "/classes/DotArr", "{\"arr\":[[{\"__proto__\":{\"y\":1}}]]}")));
        assertEquals(105, code(raw("POST", "/classes/DotArr", "{\"arr\":[{\"x\":[{\"constructor\":1}]}]}")));
        assertEquals(0, count("DotArr"));
    }
}
