package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.CloudCodeRelease;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReleasesIT {
    @Inject
    @io.smallrye.common.annotation.Identifier("in-memory")
    InMemoryProvisioner provisioner;

    private static RequestSpecification as(TestAccount account) {
        return given().header("X-Parse-Account-Key", account.accountKey());
    }

    private static String createApp(TestAccount account) {
        return as(account).contentType("application/json").body("{\"appName\":\"Released\"}").post("/api/v1/apps")
            .then().statusCode(201).extract().path("applicationId");
    }

    private static byte[] code(int version) {
        return ("Parse.Cloud.define('v', () => " + version + ");\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ValidatableResponse deploy(TestAccount account, String id, byte[] body, String message) {
        RequestSpecification request = as(account).contentType("application/javascript").body(body);
        if (message != null) {
            request = request.header("X-Reparse-Release-Message", message);
        }
        return request.post("/api/v1/apps/" + id + "/releases").then();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private AppSpec lastSpec(String id) {
        List<AppSpec> specs = provisioner.appliedFor(id);
        return specs.get(specs.size() - 1);
    }

    @Test
    void releasesListNewestFirstAndActivatingAnOlderOneRollsTheAppBack() throws Exception {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        deploy(account, id, code(1), "first cut").statusCode(201)
            .body("version", equalTo(1)).body("message", equalTo("first cut")).body("active", equalTo(true))
            .body("uploadedBy", equalTo(account.email())).body("$", not(hasKey("entries")));
        as(account).contentType("application/javascript").body(code(2)).queryParam("message", "fix the hook \u2713")
            .post("/api/v1/apps/" + id + "/releases").then().statusCode(201)
            .body("version", equalTo(2)).body("generation", equalTo(3));

        as(account).get("/api/v1/apps/" + id + "/releases").then().statusCode(200)
            .body("results.version", contains(2, 1))
            .body("results.message", contains("fix the hook \u2713", "first cut"))
            .body("results.active", contains(true, false))
            .body("results.sha256", contains(sha256(code(2)), sha256(code(1))))
            .body("results.size", contains(code(2).length, code(1).length))
            .body("results.uploadedBy", contains(account.email(), account.email()));
        as(account).get("/api/v1/apps/" + id + "/releases/1").then().statusCode(200)
            .body("version", equalTo(1)).body("active", equalTo(false))
            .body("entries.path", contains("main.js")).body("entries.size", contains(code(1).length));

        as(account).post("/api/v1/apps/" + id + "/releases/1/activate").then().statusCode(200)
            .body("version", equalTo(1)).body("active", equalTo(true));
        as(account).get("/api/v1/apps/" + id + "/releases").then().body("results.active", contains(false, true));
        as(account).get("/api/v1/apps/" + id).then().body("generation", equalTo(4));
        as(account).get("/api/v1/apps/" + id + "/cloud").then().body("version", equalTo(1));
        AppSpec spec = lastSpec(id);
        assertEquals(4, spec.generation());
        assertEquals(Optional.of(new CloudCodeRelease(1, sha256(code(1)))), spec.cloudCode());

        int applied = provisioner.appliedFor(id).size();
        as(account).post("/api/v1/apps/" + id + "/releases/1/activate").then().statusCode(200)
            .body("active", equalTo(true));
        as(account).get("/api/v1/apps/" + id).then().body("generation", equalTo(4));
        assertEquals(applied, provisioner.appliedFor(id).size(), "activating the active release is a no-op");

        as(account).post("/1/apps/" + id + "/releases/2/activate").then().statusCode(200).body("version", equalTo(2));
        assertEquals(Optional.of(new CloudCodeRelease(2, sha256(code(2)))), lastSpec(id).cloudCode());
        assertEquals(5, lastSpec(id).generation());
    }

    @Test
    void aZipReleaseListsItsFiles() throws Exception {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] file : new String[][] {{"cloud/main.js", "require('./lib.js');"}, {"cloud/lib.js", "1;"},
                    {"package.json", "{}"}}) {
                zip.putNextEntry(new ZipEntry(file[0]));
                zip.write(file[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        as(account).contentType("application/zip").body(bytes.toByteArray()).post("/api/v1/apps/" + id + "/releases")
            .then().statusCode(201).body("message", nullValue()).body("files", equalTo(3));
        as(account).get("/api/v1/apps/" + id + "/releases/1").then().statusCode(200)
            .body("entries.path", contains("cloud/lib.js", "cloud/main.js", "package.json"))
            .body("entries.size", contains(2, 20, 2));
        as(account).get("/api/v1/apps/" + id + "/releases/1/files/cloud/main.js").then().statusCode(200)
            .contentType(containsString("text/plain")).header("X-Content-Type-Options", "nosniff")
            .body(equalTo("require('./lib.js');"));
        as(account).get("/api/v1/apps/" + id + "/releases/1/files/cloud/nope.js").then().statusCode(404)
            .body("code", equalTo(101));
        as(account).get("/api/v1/apps/" + id + "/releases/2/files/cloud/main.js").then().statusCode(404);
        as(TestAccounts.signup()).get("/api/v1/apps/" + id + "/releases/1/files/cloud/main.js").then().statusCode(404);
    }

    @Test
    void unknownReleasesAndOtherAccountsGet404() {
        TestAccount owner = TestAccounts.signup();
        TestAccount other = TestAccounts.signup();
        String id = createApp(owner);
        as(owner).get("/api/v1/apps/" + id + "/releases").then().statusCode(200).body("results", hasSize(0));
        deploy(owner, id, code(1), null).statusCode(201);
        for (String path : List.of("/releases/7", "/releases/0", "/releases/x", "/releases/7/activate")) {
            RequestSpecification request = as(owner);
            (path.endsWith("activate") ? request.post("/api/v1/apps/" + id + path)
                : request.get("/api/v1/apps/" + id + path)).then().statusCode(404).body("code", equalTo(101));
        }
        as(other).get("/api/v1/apps/" + id + "/releases").then().statusCode(404).body("code", equalTo(101));
        as(other).get("/api/v1/apps/" + id + "/releases/1").then().statusCode(404);
        as(other).post("/api/v1/apps/" + id + "/releases/1/activate").then().statusCode(404);
        deploy(other, id, code(2), "mine now").statusCode(404);
        given().post("/api/v1/apps/" + id + "/releases/1/activate").then().statusCode(401);
        as(owner).get("/api/v1/apps/" + id + "/releases").then().body("results.version", contains(1));
    }

    @Test
    void badMessagesAreRefusedAndChangeNothing() {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        as(account).urlEncodingEnabled(false).contentType("application/javascript").body(code(1))
            .post("/api/v1/apps/" + id + "/releases?message=bad%00nul").then().statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("message must not contain control characters"));
        deploy(account, id, code(1), "x".repeat(501)).statusCode(400).body("code", equalTo(142))
            .body("error", containsString("at most 500 characters"));
        as(account).get("/api/v1/apps/" + id + "/releases").then().body("results", hasSize(0));
        as(account).get("/api/v1/apps/" + id).then().body("generation", equalTo(1));
    }

    @Test
    void onlyTheLastReleasesAreKeptButNeverTheActiveOne() throws Exception {
        // the test profile keeps 10 (reparse.cloud-code.keep-releases)
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        for (int version = 1; version <= 10; version++) {
            deploy(account, id, code(version), null).statusCode(201);
        }
        as(account).post("/api/v1/apps/" + id + "/releases/1/activate").then().statusCode(200);
        as(account).get("/api/v1/apps/" + id + "/releases").then().body("results", hasSize(10));
        deploy(account, id, code(11), null).statusCode(201);
        as(account).get("/api/v1/apps/" + id + "/releases").then().body("results", hasSize(10))
            .body("results[0].version", equalTo(11)).body("results[9].version", equalTo(2));
        as(account).get("/api/v1/apps/" + id + "/releases/1").then().statusCode(404);
        // a release rolled back to stops being active with the next upload, and goes when it is past the kept ones
        as(account).post("/api/v1/apps/" + id + "/releases/2/activate").then().statusCode(200);
        deploy(account, id, code(12), null).statusCode(201);
        as(account).get("/api/v1/apps/" + id + "/releases").then().body("results", hasSize(10))
            .body("results.version", contains(12, 11, 10, 9, 8, 7, 6, 5, 4, 3));
    }
}
