package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppSettings;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.cloud.CodeLimits;
import dev.reparse.provisioning.cloud.Zips;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.BucketResources;
import dev.reparse.provisioning.spi.CodeDeployment;
import dev.reparse.provisioning.spi.DatabaseResources;
import dev.reparse.provisioning.spi.ProvisionedResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCodeDeployerTest {
    private static final AppKeys KEYS = new AppKeys("master", "", "", "js", "", "", "", "");

    @TempDir
    Path dataDir;
    private LocalRuntimeOptions options;
    private final Map<Long, CodeBundle> stored = new ConcurrentHashMap<>();
    private final List<Long> fetched = new CopyOnWriteArrayList<>();
    private LocalCodeDeployer deployer;

    @BeforeEach
    void setUp() throws IOException {
        Path runtimeApp = Files.createDirectories(dataDir.resolve("runtime-app"));
        Files.createFile(runtimeApp.resolve("quarkus-run.jar"));
        options = LocalRuntimeOptions.of(runtimeApp, dataDir.resolve("data"));
        deployer = new LocalCodeDeployer(options, (id, release) -> {
            fetched.add(release.version());
            return stored.get(release.version());
        }, CodeLimits.defaults());
    }

    private CloudCodeRelease store(long version, CodeBundle bundle) {
        stored.put(version, bundle);
        return new CloudCodeRelease(version, bundle.sha256());
    }

    private static DesiredApp app(long generation, Optional<CloudCodeRelease> code) {
        return DesiredApp.of(new AppSpec("codeapp", generation, "codeapp", KEYS, AppSettings.defaults(), false)
                .withCloudCode(code));
    }

    private static CodeBundle script(String text) {
        return new CodeBundle(CodeBundle.Format.JAVASCRIPT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheReleaseIntoTheWatchedFolderAndReplacesItWithTheNextOne() throws IOException {
        Path folder = options.codeDir("codeapp");
        assertEquals("NoCode", deployer.deploy(app(1, Optional.empty())).reason());
        assertFalse(Files.exists(folder));

        CloudCodeRelease first = store(1, script("Parse.Cloud.define('v', () => 1);"));
        CodeDeployment deployed = deployer.deploy(app(2, Optional.of(first)));
        assertEquals("Deployed", deployed.reason());
        assertTrue(deployed.message().startsWith("version 1 "), deployed.message());
        assertEquals("Parse.Cloud.define('v', () => 1);", Files.readString(folder.resolve("main.js")));

        CloudCodeRelease second = store(2, new CodeBundle(CodeBundle.Format.ZIP, Zips.of(Map.of(
                "cloud/main.js", "require('./lib.js');", "cloud/lib.js", "Parse.Cloud.define('v', () => 2);"))));
        deployer.deploy(app(3, Optional.of(second)));
        assertFalse(Files.exists(folder.resolve("main.js")), "nothing of the old release is left");
        assertEquals("require('./lib.js');", Files.readString(folder.resolve("cloud/main.js")));
        try (Stream<Path> siblings = Files.list(options.appDir("codeapp"))) {
            assertEquals(List.of("cloud", "cloud.release"), siblings.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no staging folder is left beside it");
        }
    }

    @Test
    void anUnchangedReleaseIsNeitherFetchedNorRewritten() throws IOException {
        CloudCodeRelease release = store(1, script("Parse.Cloud.define('v', () => 1);"));
        CodeDeployment first = deployer.deploy(app(1, Optional.of(release)));
        Path main = options.codeDir("codeapp").resolve("main.js");
        long modified = Files.getLastModifiedTime(main).toMillis();
        CodeDeployment again = deployer.deploy(app(2, Optional.of(release)));
        assertEquals(first, again, "a resync keeps the condition as it was");
        assertEquals(List.of(1L), fetched);
        assertEquals(modified, Files.getLastModifiedTime(main).toMillis());

        Files.delete(main);
        Files.delete(options.codeDir("codeapp"));
        deployer.deploy(app(3, Optional.of(release)));
        assertTrue(Files.exists(main), "a folder removed behind its back is written again");
    }

    @Test
    void refusesBytesThatDoNotMatchTheReleasesSha256AndKeepsTheDeployedCode() throws IOException {
        CloudCodeRelease good = store(1, script("Parse.Cloud.define('v', () => 1);"));
        deployer.deploy(app(1, Optional.of(good)));
        CloudCodeRelease claimed = new CloudCodeRelease(2, "0".repeat(64));
        stored.put(2L, script("Parse.Cloud.define('v', () => 'tampered');"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> deployer.deploy(app(2, Optional.of(claimed))));
        assertTrue(e.getMessage().contains("not " + "0".repeat(64)), e.getMessage());
        assertEquals("Parse.Cloud.define('v', () => 1);",
                Files.readString(options.codeDir("codeapp").resolve("main.js")));
    }

    @Test
    void removeDeletesTheCodeAndItsRecord() {
        deployer.deploy(app(1, Optional.of(store(1, script("x")))));
        deployer.remove("codeapp");
        assertFalse(Files.exists(options.codeDir("codeapp")));
        assertFalse(Files.exists(options.appDir("codeapp").resolve("cloud.release")));
        deployer.remove("codeapp");
    }

    @Test
    void aCodeUploadDoesNotChangeTheRuntimesLaunchSoItIsNotRestarted() {
        ProvisionedResources resources = new ProvisionedResources(
                new DatabaseResources("app_codeapp", "mongodb://127.0.0.1/app_codeapp", "Created", "created"),
                new BucketResources("b", "http://127.0.0.1:9000", "us-east-1", "ak", "sk", true, "Shared", "shared"));
        RuntimeLaunch without = RuntimeLaunch.of(app(1, Optional.empty()), resources, options, 4000);
        RuntimeLaunch with = RuntimeLaunch.of(app(2, Optional.of(store(7, script("x")))), resources, options, 4000);
        assertEquals(without.fingerprint(), with.fingerprint());
        assertTrue(with.command().contains("-Dreparse.cloud.path=" + options.codeDir("codeapp")), with.command()
                .toString());
    }
}
