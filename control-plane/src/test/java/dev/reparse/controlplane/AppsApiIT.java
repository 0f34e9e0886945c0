package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.provisioning.AppSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AppsApiIT {
    @Inject
    @io.smallrye.common.annotation.Identifier("in-memory")
    InMemoryProvisioner provisioner;

    private static RequestSpecification byPassword(TestAccount account) {
        return given().contentType("application/json").header("X-Parse-Email", account.email())
            .header("X-Parse-Password", account.password());
    }

    private static RequestSpecification byAccountKey(TestAccount account) {
        return given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey());
    }

    private static String create(TestAccount account, String name) {
        return byPassword(account).body("{\"appName\":\"" + name + "\",\"clientPushEnabled\":true}")
            .post("/1/apps").then().statusCode(201).extract().path("applicationId");
    }

    @Test
    void createAnswersParseComFieldsWithRandomKeys() {
        TestAccount account = TestAccounts.signup();
        byPassword(account).body("{\"appName\":\"My Game\",\"clientPushEnabled\":true}")
            .post("/1/apps")
            .then().statusCode(201)
            .body("appName", equalTo("My Game"))
            .body("applicationId", hasLength(40))
            .body("masterKey", hasLength(40)).body("javascriptKey", hasLength(40)).body("restKey", hasLength(40))
            .body("clientKey", hasLength(40)).body("windowsKey", hasLength(40)).body("webhookKey", hasLength(40))
            .body("clientPushEnabled", equalTo(true))
            .body("clientClassCreationEnabled", equalTo(false))
            .body("requireRevocableSessions", equalTo(true))
            .body("revokeSessionOnPasswordChange", equalTo(true))
            .body("dashboardURL", startsWith("http://localhost:4040/apps/"))
            .body("clientKeysRequired", equalTo(true))
            .body("requestsPerSecond", equalTo(30))
            .body("subdomain", startsWith("my-game"))
            .body("generation", equalTo(1));
    }

    @Test
    void serverUrlIsTheLocalRoutersInBothApis() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Reachable");
        String local = "http://127.0.0.1:1337/parse";
        byPassword(account).get("/1/apps/" + id).then().statusCode(200).body("serverURL", equalTo(local));
        byPassword(account).get("/api/v1/apps/" + id).then().statusCode(200).body("serverURL", equalTo(local));
        byAccountKey(account).get("/1/apps").then().statusCode(200).body("results.serverURL", everyItem(equalTo(local)));
        byAccountKey(account).get("/api/v1/apps").then().statusCode(200).body("results.serverURL", everyItem(equalTo(local)));
    }

    @Test
    void listGetAndUpdateWorkWithEitherAuthStyle() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Listed");
        byAccountKey(account).get("/1/apps").then().statusCode(200).body("results.applicationId", hasItem(id));
        byAccountKey(account).get("/1/apps/" + id).then().statusCode(200).body("appName", equalTo("Listed"));
        byPassword(account).get("/api/v1/apps/" + id).then().statusCode(200).body("applicationId", equalTo(id));
        byAccountKey(account).body("{\"appName\":\"Renamed\",\"clientClassCreationEnabled\":true}")
            .put("/1/apps/" + id)
            .then().statusCode(200).body("appName", equalTo("Renamed")).body("clientClassCreationEnabled", equalTo(true))
            // a rename keeps the host name clients route by
            .body("generation", equalTo(2)).body("subdomain", startsWith("listed"));
    }

    @Test
    void everySpecChangeBumpsTheGenerationAndReachesProvisioning() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Provisioned");
        byAccountKey(account).body("{\"clientKeysRequired\":false}").put("/api/v1/apps/" + id)
            .then().statusCode(200).body("generation", equalTo(2));
        // the same values again are no change
        byAccountKey(account).body("{\"clientKeysRequired\":false}").put("/api/v1/apps/" + id)
            .then().statusCode(200).body("generation", equalTo(2));
        List<AppSpec> specs = provisioner.appliedFor(id);
        assertEquals(1, specs.get(0).generation());
        AppSpec latest = specs.get(specs.size() - 1);
        assertEquals(2, latest.generation());
        assertFalse(latest.settings().clientKeysRequired());
        assertTrue(latest.settings().clientPushEnabled());
        assertEquals("Provisioned", latest.name());
    }

    @Test
    void statusFromProvisioningShowsInAnswers() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "With Status");
        awaitObservedGeneration(account, id, 1);
        byAccountKey(account).get("/api/v1/apps/" + id).then().statusCode(200)
            .body("status.ready", equalTo(true))
            .body("status.conditions.type", hasItem("Ready"));
    }

    static void awaitObservedGeneration(TestAccount account, String id, int generation) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Integer observed = byAccountKey(account).get("/api/v1/apps/" + id).then().extract().path("status.observedGeneration");
            if (observed != null && observed == generation) {
                return;
            }
            sleep();
        }
        throw new AssertionError("status of " + id + " never reached generation " + generation);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteHandsProvisioningADeletedSpecAndTheAppIsGone() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Doomed");
        byPassword(account).delete("/1/apps/" + id).then().statusCode(200);
        byPassword(account).get("/1/apps/" + id).then().statusCode(404).body("code", equalTo(101));
        byPassword(account).get("/1/apps").then().statusCode(200).body("results.applicationId", not(hasItem(id)));
        AppSpec last = provisioner.appliedFor(id).get(provisioner.appliedFor(id).size() - 1);
        assertTrue(last.deleted());
        assertEquals(2, last.generation());
    }

    @Test
    void missingOrWrongCredentialsAnswer401() {
        TestAccount account = TestAccounts.signup();
        given().get("/1/apps").then().statusCode(401).body("error", equalTo("unauthorized")).body("code", equalTo(119));
        given().header("X-Parse-Email", account.email()).header("X-Parse-Password", "wrong-password")
            .get("/1/apps").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("X-Parse-Account-Key", "not-a-key").get("/api/v1/apps").then().statusCode(401);
        given().contentType("application/json").body("{\"appName\":\"x\"}").post("/1/apps").then().statusCode(401);
    }

    @Test
    void anAccountNeverSeesAnotherAccountsApps() {
        TestAccount owner = TestAccounts.signup();
        TestAccount other = TestAccounts.signup();
        String id = create(owner, "Private");
        byAccountKey(other).get("/1/apps/" + id).then().statusCode(404);
        byAccountKey(other).body("{\"appName\":\"Stolen\"}").put("/1/apps/" + id).then().statusCode(404);
        byAccountKey(other).delete("/1/apps/" + id).then().statusCode(404);
        byAccountKey(other).post("/api/v1/apps/" + id + "/keys/master/rotate").then().statusCode(404);
        byAccountKey(other).get("/1/apps").then().statusCode(200).body("results.applicationId", everyItem(not(equalTo(id))));
        byAccountKey(owner).get("/1/apps/" + id).then().statusCode(200).body("appName", equalTo("Private"));
    }

    @Test
    void invalidBodiesAnswer400WithParseCodes() {
        TestAccount account = TestAccounts.signup();
        byAccountKey(account).body("{}").post("/1/apps").then().statusCode(400).body("code", equalTo(142));
        byAccountKey(account).body("{\"appName\":").post("/1/apps").then().statusCode(400).body("code", equalTo(107));
        byAccountKey(account).body("{\"appName\":\"ok\",\"clientPushEnabled\":\"yes\"}").post("/1/apps")
            .then().statusCode(400).body("code", equalTo(111));
        byAccountKey(account).body("[]").post("/api/v1/apps").then().statusCode(400).body("code", equalTo(107));
    }

    @Test
    void rotatingTheMasterKeyKeepsTheOldOneForTheGracePeriod() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Rotating");
        String oldKey = byAccountKey(account).get("/1/apps/" + id).then().extract().path("masterKey");
        String newKey = byAccountKey(account).post("/api/v1/apps/" + id + "/keys/master/rotate")
            .then().statusCode(200).body("generation", equalTo(2)).extract().path("masterKey");
        assertNotEquals(oldKey, newKey);
        AppSpec spec = provisioner.appliedFor(id).get(provisioner.appliedFor(id).size() - 1);
        assertEquals(newKey, spec.keys().masterKey());
        Instant now = Instant.now();
        assertTrue(spec.keys().acceptsPreviousMasterKey(oldKey, now));
        assertFalse(spec.keys().acceptsPreviousMasterKey(oldKey, now.plus(Duration.ofMinutes(11))));
    }

    @Test
    void twoAppsWithTheSameNameGetDistinctSubdomains() {
        TestAccount account = TestAccounts.signup();
        String name = "Twin " + System.nanoTime();
        String first = create(account, name);
        String second = create(account, name);
        String a = byAccountKey(account).get("/1/apps/" + first).then().extract().path("subdomain");
        String b = byAccountKey(account).get("/1/apps/" + second).then().extract().path("subdomain");
        assertNotEquals(a, b);
    }

    @Test
    void theTimeZoneOfScheduledJobsIsAnIanaZoneAndReachesTheScheduler() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Zoned");
        byAccountKey(account).get("/1/apps/" + id).then().statusCode(200).body("timeZone", equalTo("UTC"));
        byAccountKey(account).body("{\"timeZone\":\"Europe/Berlin\"}").put("/1/apps/" + id)
            .then().statusCode(200).body("timeZone", equalTo("Europe/Berlin"));
        byAccountKey(account).get("/api/v1/apps/" + id + "/jobs").then().statusCode(200)
            .body("timeZone", equalTo("Europe/Berlin"));
        for (String bad : new String[] {"\"Mars/Olympus_Mons\"", "\"+02:00\"", "\"CET\"", "7", "\"Europe/Berlin\\u0000\""}) {
            byAccountKey(account).body("{\"timeZone\":" + bad + "}").put("/1/apps/" + id)
                .then().statusCode(400).body("code", equalTo(142));
        }
        byAccountKey(account).get("/1/apps/" + id).then().body("timeZone", equalTo("Europe/Berlin"));
    }
}
