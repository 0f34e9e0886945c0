package dev.reparse.runtime.http;

import static dev.reparse.runtime.http.TestApi.body;
import static dev.reparse.runtime.http.TestApi.code;
import static dev.reparse.runtime.http.TestApi.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.runtime.core.AppSettings;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Names the database cannot hold are refused up front, and no write leaves a class in /schemas without its data. */
class ClassNamesIT {
    private static TestApi app;

    @BeforeAll
    static void start() {
        app = TestApi.start("names", AppSettings.Limits.defaults());
    }

    private static boolean listed(String className) {
        return results(app.call("GET", "/schemas", null, true)).stream()
                .anyMatch(schema -> className.equals(schema.get("className")));
    }

    @Test
    void anOverlongClassNameIsRefusedWith103AndLeavesNoSchema() {
        String name = "C" + "x".repeat(300);
        for (boolean master : new boolean[] {true, false}) {
            ApiResponse created = app.call("POST", "/classes/" + name, Map.of("a", 1), master);
            assertEquals(103, code(created), () -> created.body().toString());
            assertTrue(String.valueOf(body(created).get("error")).contains("too long"), created.body().toString());
        }
        assertEquals(103, code(app.call("POST", "/schemas/" + name, Map.of(), true)));
        assertTrue(!listed(name));
    }

    @Test
    void anOverlongRelationFieldIsRefusedAndLeavesNoSchema() {
        String field = "r" + "x".repeat(250);
        ApiResponse created = app.call("POST", "/classes/RelOwner", Map.of(field,
                Map.of("__op", "AddRelation", "objects", java.util.List.of(
                        Map.of("__type", "Pointer", "className", "RelOwner", "objectId", "abcdefghij")))), true);
        assertEquals(105, code(created), () -> created.body().toString());
        assertTrue(!listed("RelOwner") || !((Map<?, ?>) body(app.call("GET", "/schemas/RelOwner", null, true))
                .get("fields")).containsKey(field));
    }

    @Test
    void theLongestAllowedNameWorks() {
        String name = "L" + "x".repeat(99);
        assertEquals(201, app.call("POST", "/classes/" + name, Map.of("a", 1), true).status());
        assertEquals(1, results(app.call("GET", "/classes/" + name, null, true)).size());
    }
}
