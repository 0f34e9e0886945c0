package dev.reparse.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.runtime.core.AppSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSettingsTest {
    private static final SettingsFile.Defaults DEFAULTS = new SettingsFile.Defaults("app", AppSettings.Limits.defaults(),
            AppSettings.Access.defaults(), AppSettings.Sessions.defaults());

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path temp = dir.resolve("runtime.json.tmp");
        Files.writeString(temp, json);
        return Files.move(temp, dir.resolve("runtime.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void readsKeysAndSettingsFromTheFile() throws IOException {
        Path file = write("""
                {"appId": "app", "masterKey": "m1", "javascriptKey": "js", "restKey": "", "webhookKey": "wh",
                 "clientKeysRequired": false, "allowClientClassCreation": true, "somethingNew": 1,
                 "previousMasterKey": {"key": "m0", "expiresAt": "2030-01-01T00:00:00Z"}}""");
        AppSettings settings = SettingsFile.read(file, DEFAULTS);
        assertEquals("m1", settings.keys().masterKey());
        assertEquals(Optional.of("js"), settings.keys().javascriptKey());
        assertEquals(Optional.empty(), settings.keys().restKey());
        assertEquals(Optional.of("wh"), settings.keys().webhookKey(), "the key the platform gives the app's webhooks");
        assertFalse(settings.clientKeysRequired());
        assertTrue(settings.allowClientClassCreation());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), settings.previousMasterKey().orElseThrow().expiresAt());
    }

    @Test
    void refusesAFileForAnotherAppOrWithoutMasterKey() throws IOException {
        Path other = write("{\"appId\": \"other\", \"masterKey\": \"m\"}");
        assertThrows(IllegalArgumentException.class, () -> SettingsFile.read(other, DEFAULTS));
        Path keyless = write("{\"appId\": \"app\"}");
        assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.read(keyless, DEFAULTS));
    }

    @Test
    void picksUpARotatedMasterKeyWithinAFewPolls() throws Exception {
        Path file = write("{\"appId\": \"app\", \"masterKey\": \"m1\"}");
        try (LiveSettings live = LiveSettings.watch(file, DEFAULTS, Duration.ofMillis(20))) {
            assertEquals("m1", live.get().keys().masterKey());
            write("{\"appId\": \"app\", \"masterKey\": \"m2\"}");
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (!live.get().keys().masterKey().equals("m2") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("m2", live.get().keys().masterKey());
        }
    }

    @Test
    void keepsThePreviousSettingsWhenTheFileTurnsInvalid() throws Exception {
        Path file = write("{\"appId\": \"app\", \"masterKey\": \"m1\"}");
        try (LiveSettings live = LiveSettings.watch(file, DEFAULTS, Duration.ofHours(1))) {
            write("{not json");
            live.reloadIfChanged();
            assertEquals("m1", live.get().keys().masterKey());
        }
    }

    @Test
    void liveQueryClassesComeFromTheFileOverTheRuntimesOwnAndChangeWithIt() throws IOException {
        SettingsFile.Defaults withLive = new SettingsFile.Defaults("app", AppSettings.Limits.defaults(),
                AppSettings.Access.defaults(), AppSettings.Sessions.defaults(), java.util.Set.of("FromOptions"));
        Path file = write("""
                {"appId": "app", "masterKey": "m1"}""");
        assertEquals(java.util.Set.of("FromOptions"), SettingsFile.read(file, withLive).liveQueryClasses());
        LiveSettings live = LiveSettings.watch(file, withLive, Duration.ofHours(1));
        try {
            write("""
                    {"appId": "app", "masterKey": "m1", "liveQuery": {"classNames": ["Message", "Room"]}}""");
            live.reloadIfChanged();
            assertEquals(java.util.Set.of("Message", "Room"), live.get().liveQueryClasses());
            write("""
                    {"appId": "app", "masterKey": "m1", "liveQuery": {"classNames": []}}""");
            live.reloadIfChanged();
            assertTrue(live.get().liveQueryClasses().isEmpty());
        } finally {
            live.close();
        }
        assertThrows(IllegalArgumentException.class, () -> SettingsFile.read(write("""
                {"appId": "app", "masterKey": "m1", "liveQuery": {"classNames": [1]}}"""), withLive));
    }
}
