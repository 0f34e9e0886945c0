package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppOptions;
import dev.reparse.provisioning.AppSettings;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.PlatformMail;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.BucketResources;
import dev.reparse.provisioning.spi.DatabaseResources;
import dev.reparse.provisioning.spi.ProvisionedResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app's options and the platform's mail server reach the runtime's settings file, and a change restarts it. */
class RuntimeSettingsFileTest {
    private static final AppKeys KEYS = new AppKeys("master", "", "", "js", "", "", "", "");
    private static final PlatformMail MAIL = new PlatformMail(Optional.of(new PlatformMail.Smtp("127.0.0.1", 2525,
            "none", Optional.of("mailer"), Optional.of("s3cret-smtp"))), "no-reply@example.com",
            Optional.of("http://127.0.0.1:1337/parse"));
    private static final ProvisionedResources RESOURCES = new ProvisionedResources(
            new DatabaseResources("app_a", "mongodb://127.0.0.1/app_a", "Created", "created"),
            new BucketResources("b", "http://127.0.0.1:9000", "us-east-1", "ak", "sk", true, "Shared", "shared"));

    @TempDir
    Path dir;
    private LocalRuntimeOptions options;

    @BeforeEach
    void setUp() throws IOException {
        Path runtimeApp = Files.createDirectories(dir.resolve("runtime-app"));
        Files.createFile(runtimeApp.resolve("quarkus-run.jar"));
        options = LocalRuntimeOptions.of(runtimeApp, dir.resolve("data")).withMail(MAIL);
    }

    private static AppOptions options(boolean publicUploads, int lockout, String resetSubject) {
        return new AppOptions(publicUploads, false, true, 5_000_000, List.of("exe"), lockout, 10, true, "^.{8,}$",
                "At least 8 characters", true, 0, 3, true, false, 60, 0, "Game Team", "", "", resetSubject,
                "Reset %username% at %link%", true, List.of("Message", "_User"));
    }

    private static DesiredApp app(long generation, AppOptions options, String masterKey) {
        AppSettings settings = new AppSettings(true, false, false, true, true, 30, 0, options);
        return DesiredApp.of(new AppSpec("a", generation, "My Game", new AppKeys(masterKey, "", "", "js", "", "", "",
                ""), settings, false));
    }

    @Test
    void theOptionsAndTheMailServerAreWrittenToThePrivateSettingsFile() throws IOException {
        new FileSecretStore(options).write(app(1, options(true, 3, "Your %appname% password"), "master"), RESOURCES);
        Path file = options.settingsFile("a");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertTrue(root.path("files").path("enableForPublic").asBoolean());
        assertEquals(5_000_000, root.path("files").path("maxUploadSize").asLong());
        assertEquals("exe", root.path("files").path("deniedExtensions").get(0).asText());
        assertEquals(3, root.path("accounts").path("lockoutThreshold").asInt());
        assertEquals(600, root.path("accounts").path("lockoutDurationSeconds").asInt());
        assertEquals("^.{8,}$", root.path("accounts").path("passwordPattern").asText());
        assertEquals("At least 8 characters", root.path("accounts").path("passwordPatternError").asText());
        assertTrue(root.path("accounts").path("passwordNotContainingUsername").asBoolean());
        assertTrue(root.path("accounts").path("unlockOnPasswordReset").asBoolean());
        JsonNode email = root.path("email");
        assertTrue(email.path("verifyUserEmails").asBoolean());
        assertEquals(3600, email.path("verifyTokenValiditySeconds").asInt());
        assertEquals("My Game", email.path("appName").asText());
        assertEquals("Game Team", email.path("fromName").asText());
        assertEquals("no-reply@example.com", email.path("fromAddress").asText());
        assertEquals("http://127.0.0.1:1337/parse", email.path("publicServerURL").asText());
        assertEquals("Your %appname% password", email.path("passwordResetSubject").asText());
        assertFalse(email.has("verificationSubject"), "an empty template is parse.com's default, left to the runtime");
        assertEquals("127.0.0.1", email.path("smtp").path("host").asText());
        assertEquals("s3cret-smtp", email.path("smtp").path("password").asText());
        assertTrue(root.path("graphql").path("publicIntrospection").asBoolean(), "graphQLPublicIntrospection");
        assertEquals("[\"Message\",\"_User\"]", root.path("liveQuery").path("classNames").toString(),
                "the app's live classes, from its options");
    }

    @Test
    void changingAnOptionRestartsTheRuntimeButAKeyRotationDoesNot() {
        RuntimeLaunch first = RuntimeLaunch.of(app(1, options(false, 3, "S"), "master"), RESOURCES, options, 4000);
        RuntimeLaunch rotated = RuntimeLaunch.of(app(2, options(false, 3, "S"), "master2"), RESOURCES, options, 4000);
        assertEquals(first.fingerprint(), rotated.fingerprint(), "keys are re-read live");
        RuntimeLaunch live = RuntimeLaunch.of(app(2, options(false, 3, "S").withLiveQueryClassNames(List.of("Room")),
                "master"), RESOURCES, options, 4000);
        assertEquals(first.fingerprint(), live.fingerprint(), "live classes are re-read live");
        for (AppOptions changed : List.of(options(true, 3, "S"), options(false, 5, "S"), options(false, 3, "T"))) {
            RuntimeLaunch next = RuntimeLaunch.of(app(3, changed, "master"), RESOURCES, options, 4000);
            assertNotEquals(first.fingerprint(), next.fingerprint(), changed.toString());
        }
        assertFalse(String.join(" ", first.command()).contains("s3cret-smtp"), "no secret on the command line");
    }

    @Test
    void aMistypedTlsModeIsRefusedWhereTheOperatorSeesIt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PlatformMail.Smtp("smtp.example.com", 587, "startls", Optional.empty(), Optional.empty()));
        assertEquals("reparse.email.smtp.tls must be none, starttls or tls, got startls", e.getMessage());
    }
}
