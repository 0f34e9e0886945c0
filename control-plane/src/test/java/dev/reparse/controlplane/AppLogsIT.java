package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.provisioning.RequestLogEntry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/apps/{id}/logs}: the owner reads the app's request log, filtered; nobody else does. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AppLogsIT {
    @Inject
    @io.smallrye.common.annotation.Identifier("in-memory")
    InMemoryProvisioner provisioner;

    private static RequestSpecification as(TestAccount account) {
        return given().contentType("application/json").header("X-Parse-Email", account.email())
            .header("X-Parse-Password", account.password());
    }

    private String appWithLog(TestAccount account) {
        String id = as(account).body("{\"appName\":\"Logged\"}").post("/api/v1/apps").then().statusCode(201)
            .extract().path("applicationId");
        provisioner.log(id,
            new RequestLogEntry("2026-12-03T10:00:00Z", "info", "POST", "/parse/classes/GameScore", 201, null, null, 4),
            new RequestLogEntry("2026-12-03T10:00:01Z", "error", "GET", "/parse/classes/GameScore", 403, null,
                "unauthorized: no client key", 1),
            new RequestLogEntry("2026-12-03T10:00:02Z", "error", "POST", "/parse/functions/hello", 400, 141,
                "boom in hello", 12),
            new RequestLogEntry("2026-12-03T10:00:03Z", "info", "GET", "/parse/users/me", 200, null, null, 2));
        return id;
    }

    @Test
    void theOwnerReadsTheNewestLinesFirst() {
        TestAccount owner = TestAccounts.signup();
        String id = appWithLog(owner);
        as(owner).get("/api/v1/apps/" + id + "/logs").then().statusCode(200)
            .body("results", hasSize(4))
            .body("results.path", contains("/parse/users/me", "/parse/functions/hello", "/parse/classes/GameScore",
                "/parse/classes/GameScore"))
            .body("results[1].code", equalTo(141)).body("results[1].error", equalTo("boom in hello"))
            .body("results[1].status", equalTo(400)).body("results[1].ms", equalTo(12))
            .body("results[1].level", equalTo("error")).body("results[1].time", equalTo("2026-12-03T10:00:02Z"));
        as(owner).queryParam("n", 1).get("/api/v1/apps/" + id + "/logs").then().statusCode(200)
            .body("results.path", contains("/parse/users/me"));
    }

    @Test
    void levelAndSearchFilterTheLines() {
        TestAccount owner = TestAccounts.signup();
        String id = appWithLog(owner);
        as(owner).queryParam("level", "error").get("/api/v1/apps/" + id + "/logs").then().statusCode(200)
            .body("results.status", contains(400, 403));
        as(owner).queryParam("q", "CLIENT KEY").get("/api/v1/apps/" + id + "/logs").then().statusCode(200)
            .body("results.error", contains("unauthorized: no client key"));
        as(owner).queryParam("level", "error").queryParam("q", "hello").get("/api/v1/apps/" + id + "/logs").then()
            .statusCode(200).body("results.code", contains(141));
        as(owner).queryParam("q", "GameScore").get("/api/v1/apps/" + id + "/logs").then().statusCode(200)
            .body("results.status", contains(403, 201));
    }

    @Test
    void anotherAccountAndNoAccountGetNothing() {
        TestAccount owner = TestAccounts.signup();
        String id = appWithLog(owner);
        as(TestAccounts.signup()).get("/api/v1/apps/" + id + "/logs").then().statusCode(404);
        given().get("/api/v1/apps/" + id + "/logs").then().statusCode(401);
        as(owner).get("/api/v1/apps/not-an-app/logs").then().statusCode(404);
    }

    @Test
    void badParametersAreRefusedWithTheirName() {
        TestAccount owner = TestAccounts.signup();
        String id = appWithLog(owner);
        as(owner).queryParam("level", "debug").get("/api/v1/apps/" + id + "/logs").then().statusCode(400)
            .body("code", equalTo(102)).body("error", equalTo("level must be info or error, not debug"));
        as(owner).queryParam("n", "lots").get("/api/v1/apps/" + id + "/logs").then().statusCode(400)
            .body("code", equalTo(102));
        as(owner).queryParam("n", 5000).get("/api/v1/apps/" + id + "/logs").then().statusCode(400)
            .body("code", equalTo(102));
    }
}
