package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.controlplane.apps.StoredCloudCode;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.cloud.CodeBundle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CloudCodeIT {
    private static final String HELLO = "Parse.Cloud.define('hello', () => 'Hello from Cloud Code');\n";

    @Inject
    @io.smallrye.common.annotation.Identifier("in-memory")
    InMemoryProvisioner provisioner;

    @Inject
    StoredCloudCode stored;

    private static RequestSpecification as(TestAccount account) {
        return given().header("X-Parse-Account-Key", account.accountKey());
    }

    private static String createApp(TestAccount account) {
        return as(account).contentType("application/json").body("{\"appName\":\"Coded\"}").post("/api/v1/apps")
            .then().statusCode(201).extract().path("applicationId");
    }

    private static ValidatableResponse upload(TestAccount account, String id, String contentType, byte[] body) {
        return as(account).contentType(contentType).body(body).put("/api/v1/apps/" + id + "/cloud").then();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private AppSpec lastSpec(String id) {
        List<AppSpec> specs = provisioner.appliedFor(id);
        return specs.get(specs.size() - 1);
    }

    @Test
    void anUploadedMainJsBecomesVersionOneAndTheAppsDesiredRelease() throws Exception {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        byte[] script = HELLO.getBytes(StandardCharsets.UTF_8);
        upload(account, id, "application/javascript", script).statusCode(200)
            .body("applicationId", equalTo(id)).body("version", equalTo(1)).body("format", equalTo("javascript"))
            .body("sha256", equalTo(sha256(script))).body("size", equalTo(script.length)).body("files", equalTo(1))
            .body("unpackedSize", equalTo(script.length)).body("main", equalTo("main.js"))
            .body("generation", equalTo(2)).body("uploadedBy", equalTo(account.email()))
            .body("uploadedAt", containsString("T"));
        as(account).get("/api/v1/apps/" + id + "/cloud").then().statusCode(200)
            .body("version", equalTo(1)).body("sha256", equalTo(sha256(script)));
        as(account).get("/api/v1/apps/" + id).then().body("generation", equalTo(2));

        AppSpec spec = lastSpec(id);
        assertEquals(2, spec.generation());
        assertEquals(Optional.of(new CloudCodeRelease(1, sha256(script))), spec.cloudCode());
        CodeBundle bundle = stored.fetch(id, spec.cloudCode().get());
        assertEquals(CodeBundle.Format.JAVASCRIPT, bundle.format());
        assertArrayEquals(script, bundle.content());
    }

    @Test
    void aZipIsTheNextVersionAndBothApiPathsServeIt() throws Exception {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        upload(account, id, "text/plain; charset=utf-8", HELLO.getBytes(StandardCharsets.UTF_8)).statusCode(200);
        byte[] zip = new TestZip().file("cloud/main.js", "require('./lib/answer.js');")
            .file("cloud/lib/answer.js", HELLO).file("package.json", "{\"name\":\"coded\"}").bytes();
        given().header("X-Parse-Email", account.email()).header("X-Parse-Password", account.password())
            .contentType("application/zip").body(zip).put("/1/apps/" + id + "/cloud").then().statusCode(200)
            .body("version", equalTo(2)).body("format", equalTo("zip")).body("files", equalTo(3))
            .body("main", equalTo("cloud/main.js")).body("size", equalTo(zip.length)).body("generation", equalTo(3));
        as(account).get("/1/apps/" + id + "/cloud").then().statusCode(200).body("version", equalTo(2));
        assertEquals(new CloudCodeRelease(2, sha256(zip)), lastSpec(id).cloudCode().orElseThrow());
        assertArrayEquals(zip, stored.fetch(id, lastSpec(id).cloudCode().get()).content());
    }

    @Test
    void unsafeOrBrokenUploadsAreRefusedWithTheReasonAndChangeNothing() {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        upload(account, id, "application/javascript", HELLO.getBytes(StandardCharsets.UTF_8)).statusCode(200);
        Map<String, byte[]> refused = Map.of(
            "points outside the code folder", new TestZip().file("main.js", HELLO).file("../../evil.js", "x").bytes(),
            "has an absolute path", new TestZip().file("main.js", HELLO).file("/etc/evil.js", "x").bytes(),
            "is a symbolic link", new TestZip().file("main.js", HELLO).symlink("passwd", "/etc/passwd").bytes(),
            "no main.js or cloud/main.js at its root (it has code/main.js",
                new TestZip().file("code/main.js", HELLO).bytes(),
            "not a readable zip archive", "PK but not really".getBytes(StandardCharsets.UTF_8));
        refused.forEach((reason, zip) -> upload(account, id, "application/zip", zip).statusCode(400)
            .body("code", equalTo(142)).body("error", containsString(reason)));
        upload(account, id, "application/javascript", new byte[0]).statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("main.js is empty"));
        upload(account, id, "application/json", HELLO.getBytes(StandardCharsets.UTF_8)).statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("application/zip"));

        TestZip many = new TestZip().file("main.js", HELLO);
        for (int i = 0; i < 5000; i++) {
            many.file("lib/f" + i + ".js", "");
        }
        upload(account, id, "application/zip", many.bytes()).statusCode(400)
            .body("code", equalTo(129)).body("error", containsString("more than 5000 files"));
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        upload(account, id, "application/javascript", huge).statusCode(400)
            .body("code", equalTo(129)).body("error", containsString("the limit is 10485760 bytes"));

        as(account).get("/api/v1/apps/" + id + "/cloud").then().statusCode(200).body("version", equalTo(1));
        as(account).get("/api/v1/apps/" + id).then().body("generation", equalTo(2));
    }

    @Test
    void onlyTheOwnerUploadsOrReads() {
        TestAccount owner = TestAccounts.signup();
        TestAccount other = TestAccounts.signup();
        String id = createApp(owner);
        as(owner).get("/api/v1/apps/" + id + "/cloud").then().statusCode(404).body("code", equalTo(101))
            .body("error", equalTo("The app has no Cloud Code yet."));
        byte[] script = HELLO.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/javascript").body(script).put("/api/v1/apps/" + id + "/cloud").then()
            .statusCode(401).body("code", equalTo(119));
        given().header("X-Parse-Email", owner.email()).header("X-Parse-Password", "wrong")
            .contentType("application/javascript").body(script).put("/api/v1/apps/" + id + "/cloud").then()
            .statusCode(401);
        upload(other, id, "application/javascript", script).statusCode(404).body("code", equalTo(101));
        // refused as a stranger before the body is looked at: a bad upload says nothing about someone else's app
        upload(other, id, "application/zip", new byte[] {1}).statusCode(404);
        as(other).get("/api/v1/apps/" + id + "/cloud").then().statusCode(404);
        upload(owner, "no-such-app", "application/javascript", script).statusCode(404);
        as(owner).get("/api/v1/apps/" + id + "/cloud").then().statusCode(404);
    }

    @Test
    void versionsPastTheKeptReleasesAreDeletedAndDeletingTheAppDropsItsCode() throws Exception {
        TestAccount account = TestAccounts.signup();
        String id = createApp(account);
        for (int version = 1; version <= 11; version++) {
            String code = "Parse.Cloud.define('v', () => " + version + ");";
            upload(account, id, "application/javascript", code.getBytes(StandardCharsets.UTF_8)).statusCode(200)
                .body("version", equalTo(version));
        }
        String first = sha256("Parse.Cloud.define('v', () => 1);".getBytes(StandardCharsets.UTF_8));
        String second = sha256("Parse.Cloud.define('v', () => 2);".getBytes(StandardCharsets.UTF_8));
        IllegalStateException gone = assertThrows(IllegalStateException.class,
            () -> stored.fetch(id, new CloudCodeRelease(1, first)));
        assertTrue(gone.getMessage().contains("not stored"), gone.getMessage());
        assertEquals(CodeBundle.Format.JAVASCRIPT, stored.fetch(id, new CloudCodeRelease(2, second)).format());

        as(account).delete("/api/v1/apps/" + id).then().statusCode(200);
        AppSpec deleted = lastSpec(id);
        assertTrue(deleted.deleted());
        assertEquals(Optional.empty(), deleted.cloudCode());
        assertThrows(IllegalStateException.class, () -> stored.fetch(id, new CloudCodeRelease(2, second)));
    }

    /** Zips built entry by entry, hostile ones included (a careful zip tool would refuse to write them). */
    private static final class TestZip {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

        TestZip file(String name, String content) {
            return entry(name, content, 0100644);
        }

        TestZip symlink(String name, String target) {
            return entry(name, target, 0120777);
        }

        private TestZip entry(String name, String content, int mode) {
            try {
                ZipArchiveEntry entry = new ZipArchiveEntry(name);
                entry.setUnixMode(mode);
                zip.putArchiveEntry(entry);
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] bytes() {
            try {
                zip.close();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
