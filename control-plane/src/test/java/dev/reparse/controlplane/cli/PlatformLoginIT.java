package dev.reparse.controlplane.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./reparse login} / {@code logout} against a real control plane: the session is kept per URL in a file only
 * its owner reads, the other commands use it when the environment names no credentials, and logout ends it on the
 * server too.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PlatformLoginIT {
    @TestHTTPResource("")
    URL url;

    @TempDir
    Path config;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<String> questions = new ArrayList<>();

    private String base() {
        return url.toString().replaceAll("/+$", "");
    }

    private PlatformCli cli(String email, String password) {
        return new PlatformCli(new PrintStream(printed, true, StandardCharsets.UTF_8),
            Map.of("REPARSE_CONFIG_DIR", config.toString(), "REPARSE_URL", base()), (question, secret) -> {
                questions.add(question + (secret ? "[hidden]" : ""));
                return secret ? password : email;
            });
    }

    private static String signup() {
        String email = "cli-" + UUID.randomUUID() + "@example.com";
        given().contentType("application/json").body(Map.of("email", email, "password", "correct horse 1"))
            .post("/api/v1/accounts").then().statusCode(201);
        return email;
    }

    private String stored() throws Exception {
        return Files.readString(config.resolve("credentials.json"));
    }

    @Test
    void loginKeepsASessionTheOtherCommandsUseAndLogoutEndsIt() throws Exception {
        String email = signup();
        cli(email, "correct horse 1").run(List.of("login"));
        assertEquals(List.of("Email: ", "Password for " + email + ": [hidden]"), questions);
        assertTrue(printed.toString().contains("logged in to " + base() + " as " + email), printed.toString());
        Path file = config.resolve("credentials.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(stored().contains("correct horse"), "no password on disk");
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored()).path(base())
            .path("sessionToken").asText();
        assertFalse(token.isEmpty(), stored());

        cli(null, null).run(List.of("apps", "create", "From the CLI"));
        printed.reset();
        cli(null, null).run(List.of("apps"));
        assertTrue(printed.toString().contains("From the CLI"), printed.toString());

        printed.reset();
        cli(null, null).run(List.of("logout"));
        assertTrue(printed.toString().contains("logged out of " + base()), printed.toString());
        assertFalse(stored().contains(token));
        given().header("Authorization", "Bearer " + token).get("/api/v1/account").then().statusCode(401);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> cli(null, null).run(List.of("apps")));
        assertTrue(none.getMessage().contains("./reparse login"), none.getMessage());
    }

    @Test
    void aWrongPasswordStoresNothing() {
        String email = signup();
        PlatformApi.CliException e = assertThrows(PlatformApi.CliException.class,
            () -> cli(email, "not the password").run(List.of("login")));
        assertTrue(e.getMessage().contains("wrong email or password"), e.getMessage());
        assertFalse(Files.exists(config.resolve("credentials.json")));
    }

    @Test
    void aStoredLoginTheServerNoLongerAcceptsSaysToLogInAgain() {
        new StoredLogins(config).put(base(), new StoredLogins.Login("gone@example.com", "r:not-a-session", null));
        PlatformApi.CliException refused = assertThrows(PlatformApi.CliException.class,
            () -> cli(null, null).run(List.of("apps")));
        assertTrue(refused.getMessage().contains("no longer valid: run ./reparse login"), refused.getMessage());

        new StoredLogins(config).put(base(), new StoredLogins.Login("old@example.com", "r:old",
            Instant.parse("2020-01-01T00:00:00Z")));
        PlatformApi.CliException expired = assertThrows(PlatformApi.CliException.class,
            () -> cli(null, null).run(List.of("apps")));
        assertTrue(expired.getMessage().contains("expired at 2020-01-01T00:00:00Z; run ./reparse login again"),
            expired.getMessage());
    }

    @Test
    void aLoginBelongsToItsUrl() {
        new StoredLogins(config).put("http://elsewhere.example:4040", new StoredLogins.Login("a@example.com", "r:x", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cli(null, null).run(List.of("apps")));
        assertTrue(e.getMessage().contains("./reparse login --url " + base()), e.getMessage());
    }
}
