package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class UsageIT {

    private static long totalRequests(String accountKey, String id) {
        Number n = given().header("X-Parse-Account-Key", accountKey).get("/api/v1/apps/" + id + "/usage")
            .then().statusCode(200).extract().path("total.requests");
        return n.longValue();
    }

    private static void awaitTotal(String accountKey, String id, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (totalRequests(accountKey, id) == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("usage of " + id + " never reached " + expected + " requests");
    }

    @Test
    void routerCountersBecomeHourlyTotalsAcrossARouterRestart() throws InterruptedException {
        var account = TestAccounts.signup();
        String id = given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
            .body("{\"appName\":\"Metered\"}").post("/1/apps").then().statusCode(201).extract().path("applicationId");
        EmbeddedPostgresResource.router().counters(id, 10, 1000, 2000, 1);
        awaitTotal(account.accountKey(), id, 10);
        EmbeddedPostgresResource.router().counters(id, 25, 2500, 5000, 1);
        awaitTotal(account.accountKey(), id, 25);
        // the router restarted: its counters start again from zero, and the new ones add up
        EmbeddedPostgresResource.router().counters(id, 5, 100, 100, 0);
        awaitTotal(account.accountKey(), id, 30);
        given().header("X-Parse-Account-Key", account.accountKey()).get("/api/v1/apps/" + id + "/usage")
            .then().statusCode(200).body("total.rejected", equalTo(1)).body("hours.size()", equalTo(1));
    }

    @Test
    void anotherAccountCannotReadAnAppsUsage() {
        var owner = TestAccounts.signup();
        var other = TestAccounts.signup();
        String id = given().contentType("application/json").header("X-Parse-Account-Key", owner.accountKey())
            .body("{\"appName\":\"Private usage\"}").post("/1/apps").then().statusCode(201).extract().path("applicationId");
        given().header("X-Parse-Account-Key", other.accountKey()).get("/api/v1/apps/" + id + "/usage").then().statusCode(404);
    }
}
