package dev.reparse.provisioning.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppSettings;
import dev.reparse.provisioning.AppSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredAppTest {
    private static final AppKeys KEYS = new AppKeys("master", "", "client", "js", "", "", "", "");

    private static AppSpec spec(String applicationId) {
        return new AppSpec(applicationId, 3, "My app", KEYS, AppSettings.defaults(), false);
    }

    @Test
    void namesDatabaseAndBucketAfterTheApplicationId() {
        DesiredApp app = DesiredApp.of(spec("myapp-1"));
        assertEquals("app_myapp-1", app.databaseName());
        assertEquals("app_myapp-1", app.databaseUser());
        assertEquals("reparse-app-myapp-1", app.bucketName());
        assertEquals(3, app.generation());
        assertEquals("/parse", app.mountPath());
    }

    @Test
    void keepsMixedCaseDatabaseNamesButGivesMixedCaseIdsTheirOwnBucket() {
        DesiredApp upper = DesiredApp.of(spec("MyApp"));
        DesiredApp lower = DesiredApp.of(spec("myapp"));
        assertEquals("app_MyApp", upper.databaseName());
        assertTrue(upper.bucketName().startsWith("reparse-app-myapp-"), upper.bucketName());
        assertNotEquals(lower.bucketName(), upper.bucketName());
        assertValidBucket(upper.bucketName());
    }

    @Test
    void cleansCharactersTheStoresRefuseAndKeepsCleanedIdsApart() {
        DesiredApp dotted = DesiredApp.of(spec("my.app$1"));
        DesiredApp other = DesiredApp.of(spec("my/app$1"));
        assertFalse(dotted.databaseName().matches(".*[./$].*"), dotted.databaseName());
        assertNotEquals(dotted.databaseName(), other.databaseName());
        assertNotEquals(dotted.bucketName(), other.bucketName());
        assertValidBucket(dotted.bucketName());
    }

    @Test
    void shortensLongIdsToTheStoresLimits() {
        String id = "a".repeat(120);
        DesiredApp app = DesiredApp.of(spec(id));
        assertTrue(app.databaseName().length() <= 63, app.databaseName());
        assertValidBucket(app.bucketName());
    }

    @Test
    void retainsDataForTheConfiguredDays() {
        AppSettings settings = new AppSettings(true, false, false, true, true, 30, 7);
        DesiredApp app = DesiredApp.of(new AppSpec("a", 1, "a", KEYS, settings, true));
        assertEquals(Duration.ofDays(7), app.dataRetention());
        assertTrue(app.deleted());
    }

    @Test
    void runtimeSettingsFileLeavesUnsetKeysOut() {
        Map<String, Object> content = DesiredApp.of(spec("myapp")).runtimeSettings().toFileContent();
        assertEquals("myapp", content.get("appId"));
        assertEquals("master", content.get("masterKey"));
        assertEquals("js", content.get("javascriptKey"));
        assertFalse(content.containsKey("restKey"));
        assertFalse(content.containsKey("readOnlyMasterKey"));
        assertEquals(true, content.get("clientKeysRequired"));
        assertEquals(false, content.get("allowClientClassCreation"));
    }

    @Test
    void refusesABlankApplicationId() {
        assertThrows(IllegalArgumentException.class, () -> DesiredApp.of(spec(" ")));
    }

    private static void assertValidBucket(String name) {
        assertTrue(name.length() >= 3 && name.length() <= 63, name);
        assertTrue(name.matches("[a-z0-9][a-z0-9-]*[a-z0-9]"), name);
    }

    @Test
    void settingsFileCarriesTheRetiringMasterKeyUntilItsGracePeriodEnds() {
        Instant until = Instant.parse("2030-01-02T03:04:05Z");
        AppKeys rotated = new AppKeys("new-master", "", "client", "js", "", "", "", "",
                Optional.of(new AppKeys.RetiredKey("old-master", until)));
        AppSpec spec = new AppSpec("myapp", 4, "My app", rotated, AppSettings.defaults(), false);
        Map<String, Object> content = DesiredApp.of(spec).runtimeSettings().toFileContent();
        assertEquals("new-master", content.get("masterKey"));
        assertEquals(Map.of("key", "old-master", "expiresAt", "2030-01-02T03:04:05Z"), content.get("previousMasterKey"));
        assertFalse(DesiredApp.of(spec("myapp")).runtimeSettings().toFileContent().containsKey("previousMasterKey"));
    }

    @Test
    void theRuntimeFileNamesTheLiveQueryClassesEmptyUnlessSet() {
        RuntimeSettings settings = DesiredApp.of(spec("myapp")).runtimeSettings();
        assertEquals(Map.of("classNames", java.util.List.of()), settings.toFileContent().get("liveQuery"));
        assertEquals(Map.of("classNames", java.util.List.of("Message", "Room")),
                settings.withLiveQueryClassNames(java.util.List.of("Message", "Room")).toFileContent().get("liveQuery"));
    }
}
