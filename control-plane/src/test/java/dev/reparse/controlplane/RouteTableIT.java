package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RouteTableIT {

    private static Response routes(String query) {
        return given().header("X-Reparse-Internal-Token", EmbeddedPostgresResource.INTERNAL_TOKEN).get("/internal/v1/routes" + query);
    }

    private static long version() {
        return ((Number) routes("").then().statusCode(200).extract().path("version")).longValue();
    }

    @Test
    void aWrongOrMissingTokenAnswers401() {
        given().get("/internal/v1/routes").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("X-Reparse-Internal-Token", "nope").get("/internal/v1/routes").then().statusCode(401);
    }

    @Test
    void liveAppsAppearWithUpstreamSubdomainLimitAndReadiness() {
        var account = TestAccounts.signup();
        String id = given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
            .body("{\"appName\":\"Routed App " + System.nanoTime() + "\"}").post("/1/apps")
            .then().statusCode(201).extract().path("applicationId");
        AppsApiIT.awaitObservedGeneration(account, id, 1);
        List<Map<String, Object>> routes = routes("").then().statusCode(200).extract().path("routes");
        Map<String, Object> route = routes.stream().filter(r -> id.equals(r.get("applicationId"))).findFirst().orElseThrow();
        assertTrue(((String) route.get("upstream")).startsWith("http://127.0.0.1:"));
        assertTrue(((String) route.get("subdomain")).startsWith("routed-app-"));
        assertEquals(30, route.get("requestsPerSecond"));
        assertEquals(true, route.get("ready"));

        given().header("X-Parse-Account-Key", account.accountKey()).delete("/1/apps/" + id).then().statusCode(200);
        List<String> ids = routes("").then().statusCode(200).extract().path("routes.applicationId");
        assertTrue(!ids.contains(id), "a deleted app has no route");
    }

    @Test
    void anUnchangedTableAnswers304AndAChangeMovesTheVersion() {
        long version = version();
        routes("?since=" + version).then().statusCode(304);
        var account = TestAccounts.signup();
        given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
            .body("{\"appName\":\"Versioned\"}").post("/1/apps").then().statusCode(201);
        routes("?since=" + version).then().statusCode(200);
        assertTrue(version() > version);
    }

    @Test
    void aLongPollReturnsAsSoonAsTheTableChanges() throws Exception {
        var account = TestAccounts.signup();
        long version = version();
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> routes("?since=" + version + "&wait=20"));
        Thread.sleep(300);
        given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
            .body("{\"appName\":\"Long Polled\"}").post("/1/apps").then().statusCode(201);
        Response answer = poll.get();
        assertEquals(200, answer.statusCode());
        assertNotNull(answer.path("routes"));
        assertTrue(((Number) answer.path("version")).longValue() > version);
    }
}
