package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.provisioning.AppOptions;
import dev.reparse.provisioning.AppSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting of the Apps API takes effect (reaches provisioning or the router) or is refused, naming it. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AppSettingsIT {
    @Inject
    @io.smallrye.common.annotation.Identifier("in-memory")
    InMemoryProvisioner provisioner;

    private static RequestSpecification as(TestAccount account) {
        return given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey());
    }

    private static String create(TestAccount account) {
        return as(account).body("{\"appName\":\"Settings " + System.nanoTime() + "\"}").post("/1/apps")
            .then().statusCode(201).extract().path("applicationId");
    }

    private AppOptions latestOptions(String id) {
        List<AppSpec> specs = provisioner.appliedFor(id);
        return specs.get(specs.size() - 1).settings().options();
    }

    @Test
    void newAppsAnswerTheDefaultOptions() {
        TestAccount account = TestAccounts.signup();
        String id = create(account);
        as(account).get("/1/apps/" + id).then().statusCode(200)
            .body("fileUploadEnableForPublic", equalTo(false))
            .body("fileUploadEnableForAuthenticatedUser", equalTo(true))
            .body("accountLockoutThreshold", equalTo(0))
            .body("verifyUserEmails", equalTo(false))
            .body("passwordResetEmailSubject", equalTo(""))
            .body("graphQLPublicIntrospection", equalTo(false));
    }

    @Test
    void fileEmailAndLockoutSettingsAreSavedAndReachProvisioning() {
        TestAccount account = TestAccounts.signup();
        String id = create(account);
        as(account).body("""
            {"fileUploadEnableForPublic": true, "fileUploadMaxBytes": 1048576, "fileUploadDeniedExtensions": ["exe"],
             "accountLockoutThreshold": 3, "accountLockoutDurationMinutes": 10, "verifyUserEmails": true,
             "emailSenderName": "Game Team", "passwordResetEmailSubject": "Reset your %appname% password",
             "passwordResetEmailBody": "Hi %username%, go to %link%", "graphQLPublicIntrospection": true}""")
            .put("/1/apps/" + id).then().statusCode(200)
            .body("fileUploadEnableForPublic", equalTo(true))
            .body("fileUploadDeniedExtensions", equalTo(List.of("exe")))
            .body("emailSenderName", equalTo("Game Team"))
            .body("generation", equalTo(2));
        AppOptions options = latestOptions(id);
        assertTrue(options.fileUploadEnableForPublic());
        assertEquals(1048576, options.fileUploadMaxBytes());
        assertEquals(3, options.accountLockoutThreshold());
        assertEquals("Hi %username%, go to %link%", options.passwordResetEmailBody());
        assertTrue(options.graphQLPublicIntrospection());
        // a later change keeps what it does not name
        as(account).body("{\"accountLockoutThreshold\": 0}").put("/api/v1/apps/" + id).then().statusCode(200)
            .body("fileUploadEnableForPublic", equalTo(true)).body("accountLockoutThreshold", equalTo(0));
    }

    @Test
    void requestsPerSecondReachesTheRoutersTableUpToTheOperatorsMaximum() {
        TestAccount account = TestAccounts.signup();
        String id = create(account);
        as(account).body("{\"requestsPerSecond\": 5}").put("/1/apps/" + id).then().statusCode(200)
            .body("requestsPerSecond", equalTo(5));
        assertEquals(5, provisioner.appliedFor(id).getLast().settings().requestsPerSecond());
        List<Map<String, Object>> routes = given().header("X-Reparse-Internal-Token",
            EmbeddedPostgresResource.INTERNAL_TOKEN).get("/internal/v1/routes").then().statusCode(200)
            .extract().path("routes");
        assertEquals(5, routes.stream().filter(r -> id.equals(r.get("applicationId"))).findFirst().orElseThrow()
            .get("requestsPerSecond"));
        as(account).body("{\"requestsPerSecond\": 1000}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(142))
            .body("error", containsString("requestsPerSecond must be 1 to 30 on this platform"));
        as(account).body("{\"requestsPerSecond\": \"fast\"}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(111));
        as(account).get("/1/apps/" + id).then().body("requestsPerSecond", equalTo(5));
    }

    @Test
    void unknownFieldsAreRefusedNamingTheField() {
        TestAccount account = TestAccounts.signup();
        String id = create(account);
        as(account).body("{\"clientKeysRequierd\": false}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(105)).body("error", containsString("Unknown field clientKeysRequierd"));
        as(account).body("{\"appName\": \"X\", \"planName\": \"pro\"}").post("/1/apps").then().statusCode(400)
            .body("error", containsString("Unknown field planName"));
        // what an answer carries may be sent back as it is
        as(account).body("{\"applicationId\": \"" + id + "\", \"masterKey\": \"x\", \"generation\": 9}")
            .put("/1/apps/" + id).then().statusCode(200).body("generation", equalTo(1));
    }

    @Test
    void liveQueryClassNamesReachTheRuntimeSettingsAndBadNamesAreRefused() {
        TestAccount account = TestAccounts.signup();
        String id = create(account);
        as(account).get("/1/apps/" + id).then().body("liveQueryClassNames", equalTo(List.of()));
        as(account).body("{\"liveQueryClassNames\": [\"Message\", \"_User\", \"Message\"]}").put("/api/v1/apps/" + id)
            .then().statusCode(200).body("liveQueryClassNames", equalTo(List.of("Message", "_User")));
        assertEquals(List.of("Message", "_User"), latestOptions(id).liveQueryClassNames());
        assertEquals(List.of("Message", "_User"), dev.reparse.provisioning.model.DesiredApp.of(
            provisioner.appliedFor(id).getLast()).runtimeSettings().liveQueryClassNames(), "written to runtime.json");
        as(account).body("{\"liveQueryClassNames\": [\"Bad Name\"]}").put("/api/v1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("\"Bad Name\" is not a class name"));
        as(account).body("{\"liveQueryClassNames\": \"Message\"}").put("/api/v1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(111));
        as(account).get("/1/apps/" + id).then().body("liveQueryClassNames", equalTo(List.of("Message", "_User")));
    }

    @Test
    void optionsThatDoNotValidateAreRefusedAndNothingChanges() {
        TestAccount account = TestAccounts.signup();
        String id = create(account);
        as(account).body("{\"passwordPattern\": \"(unclosed\"}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("passwordPattern is not a valid regular expression"));
        as(account).body("{\"accountLockoutThreshold\": -1}").put("/1/apps/" + id).then().statusCode(400)
            .body("error", containsString("accountLockoutThreshold must be 0 to 999"));
        as(account).body("{\"preventLoginWithUnverifiedEmail\": true}").put("/1/apps/" + id).then().statusCode(400)
            .body("error", containsString("needs verifyUserEmails"));
        as(account).body("{\"fileUploadDeniedExtensions\": \"exe\"}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(111)).body("error", equalTo("fileUploadDeniedExtensions must be an array of strings."));
        as(account).get("/1/apps/" + id).then().body("generation", equalTo(1));
    }
}
