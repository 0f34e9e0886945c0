package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web console as the control plane serves it: its page URLs, headers and files, and the API fields it reads. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ConsoleIT {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/signup", "/apps", "/apps/", "/apps/someAppId"})
    void answersEveryConsolePageWithTheSingleHtmlPageUnderAContentSecurityPolicy(String path) {
        given().get(path).then().statusCode(200)
            .contentType(startsWith("text/html"))
            .header("Content-Security-Policy", containsString("default-src 'self'"))
            .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
            .body(containsString("<script type=\"module\" src=\"/js/main.js\"></script>"));
    }

    @Test
    void servesTheConsoleScriptsAndStylesAsStaticFiles() {
        given().get("/js/main.js").then().statusCode(200).contentType(containsString("javascript"))
            .body(containsString("navigate"));
        given().get("/js/views/app.js").then().statusCode(200);
        given().get("/css/console.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void leavesOtherPathsAndTheApiAlone() {
        given().get("/apps/someAppId/extra").then().statusCode(404);
        given().get("/api/v1/apps").then().statusCode(401).body("code", equalTo(119));
        given().get("/api/v1/account").then().statusCode(401);
    }

    @Test
    void tellsTheConsoleWhenARotatedMasterKeyStopsWorking() {
        TestAccount account = TestAccounts.signup();
        String id = given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey())
            .body("{\"appName\":\"Rotating\"}").post("/api/v1/apps")
            .then().statusCode(201).body("previousMasterKeyValidUntil", nullValue())
            .extract().path("applicationId");
        Instant before = Instant.now();
        String until = given().header("X-Parse-Account-Key", account.accountKey())
            .post("/api/v1/apps/" + id + "/keys/master/rotate")
            .then().statusCode(200).extract().path("previousMasterKeyValidUntil");
        Instant graceEnds = Instant.parse(until);
        // reparse.apps.master-key-grace-period defaults to 10 minutes
        assertTrue(!graceEnds.isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(5))
            && !graceEnds.isAfter(Instant.now().plus(Duration.ofMinutes(10))), "grace end " + until);
    }
}
