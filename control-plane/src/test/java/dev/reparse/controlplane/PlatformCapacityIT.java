package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A platform at its app capacity refuses new apps with a 403 that says the limit and what to do. */
@QuarkusTest
@TestProfile(PlatformCapacityIT.OneAppPlatform.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PlatformCapacityIT {

    /** A platform for one live app (the shared test database may already hold others, which count too). */
    public static final class OneAppPlatform implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reparse.platform.max-apps", "1");
        }
    }

    @Test
    void aFullPlatformRefusesNewAppsWith403() {
        TestAccount account = TestAccounts.signup();
        Response answer = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            answer = given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
                .body("{\"appName\":\"Capacity\"}").post("/1/apps");
            if (answer.statusCode() != 201) {
                break;
            }
        }
        assertEquals(403, answer.statusCode(), answer.asString());
        answer.then().body("code", equalTo(140)).body("error", containsString("capacity of 1 apps"))
            .body("error", containsString("reparse.platform.max-apps"));
    }
}
