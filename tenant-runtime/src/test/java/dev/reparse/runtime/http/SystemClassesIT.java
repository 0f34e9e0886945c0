package dev.reparse.runtime.http;

import static dev.reparse.runtime.http.TestApi.body;
import static dev.reparse.runtime.http.TestApi.code;
import static dev.reparse.runtime.http.TestApi.results;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.runtime.core.AppSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system classes take reads and writes through the class routes only as Parse Server 9.10
 * allows, even with client class creation on and public class-level permissions.
 */
class SystemClassesIT {
    private static final List<String> MASTER_ONLY = List.of("_JobStatus", "_PushStatus", "_Hooks", "_GlobalConfig",
            "_GraphQLConfig", "_JobSchedule", "_Audience", "_Idempotency");
    private static TestApi app;

    @BeforeAll
    static void start() {
        app = TestApi.start("system", AppSettings.Limits.defaults());
    }

    @Test
    void clientsCannotCreateReadUpdateOrDeleteMasterOnlyClasses() {
        for (String className : MASTER_ONLY) {
            ApiResponse created = app.call("POST", "/classes/" + className, Map.of("status", "succeeded"), false);
            assertEquals(119, code(created), className + ": " + created.body());
            assertEquals("Clients aren't allowed to perform the create operation on the " + className + " collection.",
                    body(created).get("error"));
            assertEquals(119, code(app.call("GET", "/classes/" + className, null, false)), className);
            assertEquals(119, code(app.call("GET", "/classes/" + className + "/abc", null, false)), className);
            assertEquals(119, code(app.call("PUT", "/classes/" + className + "/abc", Map.of("a", 1), false)), className);
            assertEquals(119, code(app.call("DELETE", "/classes/" + className + "/abc", null, false)), className);
        }
    }

    @Test
    void aRefusedCreateLeavesNothingBehind() {
        app.call("POST", "/classes/_JobStatus", Map.of("status", "succeeded", "injected", "x"), false);
        assertEquals(List.of(), results(app.call("GET", "/classes/_JobStatus",
                Map.of("where", "{\"status\":\"succeeded\"}"), true)));
        Map<String, Object> schema = body(app.call("GET", "/schemas/_JobStatus", null, true));
        assertEquals(null, ((Map<?, ?>) schema.getOrDefault("fields", Map.of())).get("injected"));
    }

    @Test
    void theMasterKeyMayWriteThem() {
        ApiResponse created = app.call("POST", "/classes/_JobStatus", Map.of("status", "running"), true);
        assertEquals(201, created.status(), () -> created.body().toString());
        assertEquals(1, results(app.call("GET", "/classes/_JobStatus", Map.of("where", "{\"status\":\"running\"}"),
                true)).size());
    }

    @Test
    void subqueriesCannotReachMasterOnlyClasses() {
        app.call("POST", "/classes/Probe", Map.of("n", 1), true);
        String where = "{\"n\":{\"$select\":{\"query\":{\"className\":\"_JobStatus\",\"where\":{}},\"key\":\"n\"}}}";
        assertEquals(119, code(app.call("GET", "/classes/Probe", Map.of("where", where), false)));
    }

    @Test
    void clientsMayCreateAndGetButNotListOrDeleteInstallations() {
        ApiResponse created = app.call("POST", "/classes/_Installation",
                Map.of("deviceType", "ios", "installationId", "11111111-2222-3333-4444-555555555555"), false);
        assertEquals(201, created.status(), () -> created.body().toString());
        String id = (String) body(created).get("objectId");
        assertEquals(200, app.call("GET", "/classes/_Installation/" + id, null, false).status());
        assertEquals(119, code(app.call("GET", "/classes/_Installation", null, false)));
        assertEquals(119, code(app.call("DELETE", "/classes/_Installation/" + id, null, false)));
        assertEquals(200, app.call("GET", "/classes/_Installation/" + id, null, true).status());
    }
}
