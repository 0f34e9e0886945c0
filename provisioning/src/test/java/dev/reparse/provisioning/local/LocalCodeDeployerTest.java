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
import dev.reparse.provisioning.spi.CodeDeploymentException;
import dev.reparse.provisioning.spi.DatabaseResources;
import dev.reparse.provisioning.spi.ProvisionedResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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

        LocalCodeDeployer.deleteTree(options.codeDir("codeapp"));
        deployer.deploy(app(3, Optional.of(release)));
        assertTrue(Files.exists(main), "a folder removed behind its back is written again");
    }

    @Test
    void theFolderCarriesTheReleasesStampForTheRuntimeAlsoWhenDeployedBeforeStampsExisted() throws IOException {
        CloudCodeRelease release = store(1, script("Parse.Cloud.define('v', () => 1);"));
        deployer.deploy(app(1, Optional.of(release)));
        Path stamp = options.codeDir("codeapp").resolve(".reparse-release");
        String expected = "version=1\nsha256=" + release.sha256() + "\n";
        assertEquals(expected, Files.readString(stamp));
        Files.delete(stamp);
        deployer.deploy(app(2, Optional.of(release)));
        assertEquals(expected, Files.readString(stamp));
        assertEquals(List.of(1L), fetched, "stamping an unchanged release fetches nothing");
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

    private static final String PACKAGE = """
            {"name": "cloud", "version": "1.0.0", "private": true, "dependencies": {"is-odd": "3.0.1"}}
            """;
    private static final String LOCK = """
            {"name": "cloud", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {
              "": {"name": "cloud", "version": "1.0.0", "dependencies": {"is-odd": "3.0.1"}},
              "node_modules/is-number": {"version": "6.0.0", "integrity":
                "sha512-Wu1VHeILBK8KAWJUAiSZQX94GmOE45Rg6/538fKwiloUu21KncEkYGPqob2oSZ5mUT73vLGrHQjKw3KMPwfDzg=="},
              "node_modules/is-odd": {"version": "3.0.1", "integrity":
                "sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA==",
                "dependencies": {"is-number": "^6.0.0"}}}}
            """;

    /** A deployer whose npm is a wrapper counting its runs in {@code npm-runs}. */
    private LocalCodeDeployer countingNpm() throws IOException {
        Path wrapper = dataDir.resolve("npm-counting");
        Files.writeString(wrapper, "#!/bin/sh\necho run >> '" + dataDir.resolve("npm-runs") + "'\nexec npm \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new LocalCodeDeployer(options, (id, release) -> stored.get(release.version()), CodeLimits.defaults(),
                new NpmOptions(wrapper.toString(), false, Optional.empty(), Duration.ofMinutes(2)));
    }

    private long npmRuns() throws IOException {
        Path runs = dataDir.resolve("npm-runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private static CodeBundle zip(Map<String, String> files) {
        return new CodeBundle(CodeBundle.Format.ZIP, Zips.of(files));
    }

    /** What node answers for {@code require(main)}: the deployed code's own node_modules must resolve. */
    private static String load(Path main) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "-p", "JSON.stringify(require(process.argv[1]))", main.toString())
                .redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, node.waitFor(), out);
        return out;
    }

    @Test
    void installsTheReleasesLockedDependenciesIntoTheDeployedFolder() throws Exception {
        LocalCodeDeployer npmDeployer = countingNpm();
        CloudCodeRelease release = store(1, zip(Map.of("package.json", PACKAGE, "package-lock.json", LOCK,
                "cloud/main.js", "module.exports = [require('is-odd')(3), require('is-odd')(4)];")));
        long start = System.nanoTime();
        assertEquals("Deployed", npmDeployer.deploy(app(1, Optional.of(release))).reason());
        System.out.printf("deploy with npm ci (uncached): %d ms%n", (System.nanoTime() - start) / 1_000_000);
        Path folder = options.codeDir("codeapp");
        assertTrue(Files.isRegularFile(folder.resolve("node_modules/is-odd/package.json")));
        assertTrue(Files.isRegularFile(folder.resolve("node_modules/is-number/package.json")));
        assertEquals("[true,false]", load(folder.resolve("cloud/main.js")));
        assertEquals(1, npmRuns());

        CloudCodeRelease beside = store(2, zip(Map.of("cloud/package.json", PACKAGE, "cloud/package-lock.json", LOCK,
                "cloud/main.js", "module.exports = require('is-odd')(5);")));
        npmDeployer.deploy(app(2, Optional.of(beside)));
        assertTrue(Files.isRegularFile(folder.resolve("cloud/node_modules/is-odd/package.json")),
                "a package.json beside cloud/main.js installs there");
        assertEquals("true", load(folder.resolve("cloud/main.js")));
    }

    @Test
    void redeployingACachedReleaseRunsNoNpm() throws Exception {
        LocalCodeDeployer npmDeployer = countingNpm();
        CodeBundle withDependencies = zip(Map.of("package.json", PACKAGE, "package-lock.json", LOCK, "main.js",
                "module.exports = require('is-odd')(7);"));
        npmDeployer.deploy(app(1, Optional.of(store(1, withDependencies))));
        npmDeployer.deploy(app(2, Optional.of(store(2, script("module.exports = 2;")))));
        assertFalse(Files.exists(options.codeDir("codeapp").resolve("node_modules")));

        long start = System.nanoTime();
        npmDeployer.deploy(app(3, Optional.of(store(3, withDependencies))));
        System.out.printf("deploy of a cached release: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(1, npmRuns(), "the same sha256 comes from the cache");
        assertEquals("true", load(options.codeDir("codeapp").resolve("main.js")));
    }

    @Test
    void aFailingInstallReportsNpmsMessageAndKeepsTheDeployedRelease() throws Exception {
        LocalCodeDeployer npmDeployer = countingNpm();
        npmDeployer.deploy(app(1, Optional.of(store(1, script("module.exports = 1;")))));
        String unknown = "reparse-no-such-package-" + Long.toHexString(System.nanoTime());
        String lock = "{\"name\": \"cloud\", \"version\": \"1.0.0\", \"lockfileVersion\": 3, \"requires\": true, "
                + "\"packages\": {\"\": {\"name\": \"cloud\", \"version\": \"1.0.0\", \"dependencies\": {\"" + unknown
                + "\": \"1.0.0\"}}, \"node_modules/" + unknown + "\": {\"version\": \"1.0.0\"}}}";
        CloudCodeRelease bad = store(2, zip(Map.of("main.js", "module.exports = 2;", "package-lock.json", lock,
                "package.json", "{\"name\": \"cloud\", \"version\": \"1.0.0\", \"dependencies\": {\"" + unknown
                        + "\": \"1.0.0\"}}")));
        CodeDeploymentException e = assertThrows(CodeDeploymentException.class,
                () -> npmDeployer.deploy(app(2, Optional.of(bad))));
        assertEquals("DependenciesFailed", e.reason());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertFalse(e.getMessage().contains(dataDir.toString()), "no platform path reaches the app's owner: "
                + e.getMessage());
        assertEquals("module.exports = 1;", Files.readString(options.codeDir("codeapp").resolve("main.js")));
        try (Stream<Path> cache = Files.list(dataDir.resolve("data/cloud-cache"))) {
            assertEquals(List.of(".npm"), cache.map(p -> p.getFileName().toString()).toList(),
                    "a failed install leaves no cache entry");
        }
        try (Stream<Path> siblings = Files.list(options.appDir("codeapp"))) {
            assertEquals(List.of("cloud", "cloud.release"), siblings.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
    }

    @Test
    void refusesAPackageJsonWithoutItsLockFile() throws IOException {
        LocalCodeDeployer npmDeployer = countingNpm();
        CloudCodeRelease unlocked = store(1, zip(Map.of("main.js", "x", "package.json", PACKAGE)));
        CodeDeploymentException e = assertThrows(CodeDeploymentException.class,
                () -> npmDeployer.deploy(app(1, Optional.of(unlocked))));
        assertEquals("DependenciesFailed", e.reason());
        assertTrue(e.getMessage().contains("package.json has no package-lock.json"), e.getMessage());
        assertEquals(0, npmRuns());
        assertFalse(Files.exists(options.codeDir("codeapp")));
    }

    @Test
    void aPackageJsonWithoutDependenciesNeedsNoLockFileAndNoNpm() throws IOException {
        LocalCodeDeployer npmDeployer = countingNpm();
        CloudCodeRelease described = store(1, zip(Map.of("cloud/main.js", "module.exports = 1;",
            "package.json", "{\"name\": \"e2e-cloud\", \"private\": true}\n")));
        npmDeployer.deploy(app(1, Optional.of(described)));
        assertEquals(0, npmRuns());
        assertTrue(Files.isRegularFile(options.codeDir("codeapp").resolve("cloud/main.js")));
        CloudCodeRelease broken = store(2, zip(Map.of("main.js", "x", "package.json", "{not json")));
        CodeDeploymentException e = assertThrows(CodeDeploymentException.class,
                () -> npmDeployer.deploy(app(2, Optional.of(broken))));
        assertTrue(e.getMessage().startsWith("package.json is not valid JSON"), e.getMessage());
        assertTrue(Files.isRegularFile(options.codeDir("codeapp").resolve("cloud/main.js")), "the release before stays");
    }
}
