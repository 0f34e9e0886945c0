package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.provisioning.AppStatus;
import dev.reparse.provisioning.Condition;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tenants see status conditions they can act on; operators see provisioning's detail through the operator API. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TenantStatusIT {
    private static final String OPERATOR_HEADER = "X-Reparse-Operator-Token";

    @Inject
    @io.smallrye.common.annotation.Identifier("in-memory")
    InMemoryProvisioner provisioner;

    private static Condition condition(String type, String status, String reason, String message) {
        return new Condition(type, status, reason, message, Instant.now());
    }

    @Test
    void tenantsSeeNoPidsAddressesOrCredentialArrangementsOperatorsSeeThem() throws InterruptedException {
        TestAccount account = TestAccounts.signup();
        String id = given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
            .body("{\"appName\":\"Status\"}").post("/1/apps").then().statusCode(201).extract().path("applicationId");
        provisioner.report(new AppStatus(id, 1, List.of(
            condition("Database", "True", "UsersUnsupported", "database app_x on the shared server; the server has no "
                + "user management (createUser unknown), so the runtime uses the shared credentials"),
            condition("Bucket", "True", "SharedCredentials", "bucket app-x at http://127.0.0.1:9000; the runtime uses "
                + "the store's shared credentials"),
            condition("CloudCode", "False", "Failed", "could not unpack into /var/lib/reparse/apps/x/cloud"),
            condition("Runtime", "False", "Crashed", "pid 4242 exited on its own; restart 1 in 500 ms"),
            condition("Route", "False", "NoUpstream", "the runtime does not answer; requests get 503"),
            condition("Ready", "False", "RuntimeNotReady", "pid 4242 exited on its own")),
            Optional.of("http://127.0.0.1:31337")));

        JsonPath tenant = awaitCondition(account, id, "Bucket");
        List<String> messages = tenant.getList("status.conditions.message");
        for (String message : messages) {
            assertFalse(message.contains("pid") || message.contains("127.0.0.1") || message.contains("/var/lib")
                || message.contains("credentials") || message.contains("app_x"), "tenant sees: " + message);
        }
        List<String> reasons = tenant.getList("status.conditions.reason");
        assertFalse(reasons.contains("SharedCredentials") || reasons.contains("UsersUnsupported"), reasons.toString());
        assertTrue(reasons.contains("Crashed"), "the console still tells a crash: " + reasons);
        assertTrue(messages.stream().anyMatch(m -> m.contains("Cloud Code")), messages.toString());

        given().get("/api/v1/operator/apps/" + id).then().statusCode(401);
        given().header(OPERATOR_HEADER, "wrong").get("/api/v1/operator/apps/" + id).then().statusCode(401);
        given().header(OPERATOR_HEADER, EmbeddedPostgresResource.OPERATOR_TOKEN).get("/api/v1/operator/apps/" + id)
            .then().statusCode(200).body("accountEmail", equalTo(account.email()))
            .body("status.upstream", equalTo("http://127.0.0.1:31337"))
            .body("status.conditions.message", hasItem("pid 4242 exited on its own; restart 1 in 500 ms"))
            .body("status.conditions.reason", hasItem("SharedCredentials"));
        given().header(OPERATOR_HEADER, EmbeddedPostgresResource.OPERATOR_TOKEN).get("/api/v1/operator/apps/nope")
            .then().statusCode(404).body("code", equalTo(101));
    }

    private static JsonPath awaitCondition(TestAccount account, String id, String type) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonPath app = given().header("X-Parse-Account-Key", account.accountKey()).get("/1/apps/" + id)
                .then().statusCode(200).extract().jsonPath();
            if (app.getList("status.conditions.type").contains(type)) {
                return app;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app's status never showed a " + type + " condition");
    }
}
