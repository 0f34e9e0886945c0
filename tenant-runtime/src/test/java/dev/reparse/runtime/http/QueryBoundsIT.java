package dev.reparse.runtime.http;

import static dev.reparse.runtime.http.TestApi.body;
import static dev.reparse.runtime.http.TestApi.code;
import static dev.reparse.runtime.http.TestApi.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.QueryBounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries that would stall the shared database are refused before they reach it, with 102 and a
 * message naming the setting. Parse Server runs all of them (safer than Parse Server).
 */
class QueryBoundsIT {
    private static TestApi app;

    @BeforeAll
    static void start() {
        app = TestApi.start("bounds", new AppSettings.Limits(1000, 50, 3, new QueryBounds(200, true, 50, 500)));
        app.call("POST", "/classes/Text", Map.of("s", "a".repeat(30) + "!"), true);
    }

    private static ApiResponse find(String where, Map<String, Object> extra) {
        Map<String, Object> params = new java.util.LinkedHashMap<>(extra);
        params.put("where", where);
        return app.call("GET", "/classes/Text", params, false);
    }

    private static void assertRefused(ApiResponse response, String hint) {
        assertEquals(400, response.status(), () -> response.body().toString());
        assertEquals(102, code(response));
        String error = String.valueOf(body(response).get("error"));
        assertTrue(error.contains(hint), error);
    }

    @Test
    void catastrophicRegexesFromAClientAreRefusedWith102() {
        for (String pattern : List.of("^(a+)+$", "(.*a){25}", "^(a|aa)+$")) {
            String where = "{\"s\":{\"$regex\":\"" + pattern.replace("\\", "\\\\") + "\"}}";
            assertRefused(find(where, Map.of()), "reject-risky-regex");
        }
    }

    @Test
    void riskyRegexesAreRefusedInsideOrAndAllToo() {
        assertRefused(find("{\"$or\":[{\"s\":\"x\"},{\"s\":{\"$regex\":\"(a*)*b\"}}]}", Map.of()), "reject-risky-regex");
        assertRefused(find("{\"tags\":{\"$all\":[{\"$regex\":\"^(a+)+$\"}]}}", Map.of()), "reject-risky-regex");
    }

    @Test
    void theMasterKeyIsBoundedAsWell() {
        ApiResponse response = app.call("GET", "/classes/Text", Map.of("where", "{\"s\":{\"$regex\":\"(a+)+$\"}}"), true);
        assertEquals(102, code(response));
    }

    @Test
    void ordinaryAndQuotedRegexesStillRun() {
        assertEquals(1, results(find("{\"s\":{\"$regex\":\"^a+!$\"}}", Map.of())).size());
        assertEquals(1, results(find("{\"s\":{\"$regex\":\"^\\\\Qaaa\\\\E\"}}", Map.of())).size());
        assertEquals(0, results(find("{\"s\":{\"$regex\":\"\\\\Q(a+)+\\\\E\"}}", Map.of())).size());
    }

    @Test
    void anOverlongRegexIsRefused() {
        assertRefused(find("{\"s\":{\"$regex\":\"" + "a".repeat(201) + "\"}}", Map.of()), "max-regex-length");
    }

    @Test
    void anOverlongInListIsRefused() {
        List<String> values = new ArrayList<>(Collections.nCopies(51, "x"));
        String list = "[\"" + String.join("\",\"", values) + "\"]";
        assertRefused(find("{\"s\":{\"$in\":" + list + "}}", Map.of()), "max-in-values");
        assertRefused(find("{\"s\":{\"$nin\":" + list + "}}", Map.of()), "max-in-values");
        assertEquals(200, find("{\"s\":{\"$in\":[\"x\"]}}", Map.of()).status());
    }

    @Test
    void aHugeSkipIsRefused() {
        assertRefused(find("{}", Map.of("skip", "501")), "max-skip");
        assertEquals(200, find("{}", Map.of("skip", "500")).status());
    }

    @Test
    void deepLogicalNestingIsRefused() {
        String where = "{\"s\":\"x\"}";
        for (int i = 0; i < 5; i++) {
            where = "{\"$or\":[" + where + ",{\"s\":\"y\"}]}";
        }
        assertRefused(find(where, Map.of()), "too deep");
    }
}
