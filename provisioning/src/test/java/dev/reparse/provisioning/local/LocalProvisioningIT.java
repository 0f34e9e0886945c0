package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppSettings;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.AppStatus;
import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.ProvisioningBackends;
import dev.reparse.provisioning.Reconciler;
import dev.reparse.provisioning.ReconcilerOptions;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.cloud.CodeLimits;
import dev.reparse.provisioning.cloud.Zips;
import dev.reparse.provisioning.mongo.MongoDatabaseProvisioner;
import dev.reparse.provisioning.s3.S3BucketProvisioner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local path against real servers: mongo-java-server and s3proxy as child JVMs, a real
 * tenant runtime child JVM per app. mongo-java-server has no users, so the Database condition says
 * UsersUnsupported; s3proxy has one identity, so the Bucket condition says SharedCredentials.
 */
class LocalProvisioningIT {
    private static final String SECRET = "a-provisioning-secret-for-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dataDir;
    private static LocalInfrastructure infrastructure;
    private static LocalRuntimeOptions runtimeOptions;
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    /** The code "uploaded" for each app and version, as the control plane's database would hold it. */
    private static final Map<String, CodeBundle> CODE = new ConcurrentHashMap<>();

    @BeforeAll
    static void startInfrastructure() {
        Path runtimeApp = Path.of(System.getProperty("reparse.runtime-app", "../tenant-runtime/target/quarkus-app"));
        infrastructure = LocalInfrastructure.start(LocalInfrastructure.Options.of(runtimeApp, dataDir));
        runtimeOptions = LocalRuntimeOptions.of(runtimeApp, dataDir);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable closeable : CLOSE.reversed()) {
            closeable.close();
        }
        infrastructure.close();
    }

    private static Reconciler reconciler() {
        return reconciler(new LocalRuntimeBackend(runtimeOptions));
    }

    private static Reconciler reconciler(LocalRuntimeBackend runtimes) {
        Reconciler reconciler = new Reconciler(new ProvisioningBackends(
                new MongoDatabaseProvisioner(infrastructure.mongoUri(), SECRET),
                new S3BucketProvisioner(infrastructure.s3()), new FileSecretStore(runtimeOptions),
                new LocalCodeDeployer(runtimeOptions, (id, release) -> CODE.get(id + "@" + release.version()),
                        CodeLimits.defaults()), runtimes),
                new ReconcilerOptions(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2)),
                Clock.systemUTC());
        CLOSE.add(reconciler);
        return reconciler;
    }

    private static AppSpec spec(String id, long generation, String masterKey, boolean deleted) {
        return new AppSpec(id, generation, id, new AppKeys(masterKey, "", "", "js-key", "", "", "", ""),
                AppSettings.defaults(), deleted);
    }

    private static AppStatus await(Reconciler reconciler, String id, Predicate<AppStatus> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var status = reconciler.status(id);
            if (status.isPresent() && done.test(status.get())) {
                return status.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("status of " + id + " never matched; last: " + reconciler.status(id));
    }

    private static int post(String upstream, String id, String masterKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(upstream + "/classes/X"))
                .header("X-Parse-Application-Id", id).header("X-Parse-Master-Key", masterKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\": 1}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int health(String upstream) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upstream + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long pid(String id) throws IOException {
        String json = Files.readString(runtimeOptions.appDir(id).resolve("runtime.pid"));
        return Long.parseLong(json.replaceAll(".*\"pid\":(\\d+).*", "$1"));
    }

    @Test
    void provisionsServesRotatesRestartsAdoptsAndTearsDownAnApp() throws Exception {
        LocalRuntimeBackend firstRuntimes = new LocalRuntimeBackend(runtimeOptions);
        Reconciler reconciler = reconciler(firstRuntimes);
        long start = System.nanoTime();
        reconciler.apply(spec("itapp", 1, "master-1", false));
        AppStatus ready = await(reconciler, "itapp", AppStatus::ready, Duration.ofSeconds(90));
        System.out.printf("apply -> Ready (cold JVM) in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
        String upstream = ready.upstream().orElseThrow();
        assertEquals("UsersUnsupported", ready.condition("Database").orElseThrow().reason());
        assertEquals("SharedCredentials", ready.condition("Bucket").orElseThrow().reason());
        assertEquals(200, health(upstream));
        assertEquals(201, post(upstream, "itapp", "master-1"));
        Path settings = runtimeOptions.settingsFile("itapp");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
        long firstPid = pid("itapp");
        assertFalse(ProcessHandle.of(firstPid).orElseThrow().info().commandLine().orElse("").contains("master-1"));

        reconciler.apply(spec("itapp", 2, "master-2", false));
        awaitStatusCode(() -> post(upstream, "itapp", "master-2"), 201, Duration.ofSeconds(10));
        assertEquals(403, post(upstream, "itapp", "master-1"));
        assertEquals(firstPid, pid("itapp"), "a key rotation must not restart the runtime");

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        await(reconciler, "itapp", s -> !s.ready(), Duration.ofSeconds(10));
        AppStatus restarted = await(reconciler, "itapp", AppStatus::ready, Duration.ofSeconds(60));
        assertNotEquals(firstPid, pid("itapp"));
        assertEquals(200, health(restarted.upstream().orElseThrow()));
        assertEquals(201, post(restarted.upstream().orElseThrow(), "itapp", "master-2"));

        long restartedPid = pid("itapp");
        firstRuntimes.abandon();
        reconciler.close();
        Reconciler successor = reconciler();
        successor.apply(spec("itapp", 2, "master-2", false));
        await(successor, "itapp", AppStatus::ready, Duration.ofSeconds(60));
        assertEquals(restartedPid, pid("itapp"), "a new control plane adopts the running runtime");

        successor.apply(spec("itapp", 3, "master-2", true));
        await(successor, "itapp", s -> s.condition("Ready").orElseThrow().reason().equals("Deleted"),
                Duration.ofSeconds(30));
        assertFalse(ProcessHandle.of(restartedPid).map(ProcessHandle::isAlive).orElse(false));
        try (MongoClient mongo = MongoClients.create(infrastructure.mongoUri())) {
            assertFalse(mongo.listDatabaseNames().into(new ArrayList<>()).contains("app_itapp"));
        }
        assertFalse(Files.exists(settings));
        assertTrue(Files.notExists(dataDir.resolve("s3/blobs/reparse-app-itapp")));
    }

    @Test
    void secondRuntimeStartTime() throws Exception {
        Reconciler reconciler = reconciler();
        for (int i = 0; i < 2; i++) {
            String id = "timed" + i;
            long start = System.nanoTime();
            reconciler.apply(spec(id, 1, "m", false));
            await(reconciler, id, AppStatus::ready, Duration.ofSeconds(90));
            System.out.printf("apply -> Ready for %s in %d ms%n", id, Duration.ofNanos(System.nanoTime() - start).toMillis());
            Files.readAllLines(runtimeOptions.appDir(id).resolve("runtime.log")).stream()
                    .filter(line -> line.contains("started in") || line.contains("ready at")).forEach(System.out::println);
            reconciler.apply(spec(id, 2, "m", true));
            await(reconciler, id, s -> s.condition("Ready").orElseThrow().reason().equals("Deleted"),
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void deploysCloudCodeIntoTheRunningRuntimeWithoutRestartingIt() throws Exception {
        Reconciler reconciler = reconciler();
        reconciler.apply(spec("codeapp", 1, "m", false));
        String upstream = await(reconciler, "codeapp", AppStatus::ready, Duration.ofSeconds(90)).upstream().orElseThrow();
        String none = callFunction(upstream, "codeapp", "hello");
        assertTrue(none.contains("\"code\":141"), none);
        long pid = pid("codeapp");

        CloudCodeRelease first = upload("codeapp", 1, new CodeBundle(CodeBundle.Format.JAVASCRIPT,
                "Parse.Cloud.define('hello', () => 'v1');".getBytes(StandardCharsets.UTF_8)));
        reconciler.apply(spec("codeapp", 2, "m", false).withCloudCode(Optional.of(first)));
        AppStatus deployed = await(reconciler, "codeapp", s -> s.observedGeneration() == 2 && s.ready(),
                Duration.ofSeconds(30));
        assertEquals("Deployed", deployed.condition("CloudCode").orElseThrow().reason());
        awaitBody(() -> callFunction(upstream, "codeapp", "hello"), "{\"result\":\"v1\"}", Duration.ofSeconds(20));

        CloudCodeRelease second = upload("codeapp", 2, new CodeBundle(CodeBundle.Format.ZIP, Zips.of(Map.of(
                "cloud/main.js", "const answer = require('./answer.js'); Parse.Cloud.define('hello', () => answer);",
                "cloud/answer.js", "module.exports = 'v2';"))));
        reconciler.apply(spec("codeapp", 3, "m", false).withCloudCode(Optional.of(second)));
        awaitBody(() -> callFunction(upstream, "codeapp", "hello"), "{\"result\":\"v2\"}", Duration.ofSeconds(20));
        assertEquals(pid, pid("codeapp"), "new code must not restart the runtime");

        reconciler.apply(spec("codeapp", 4, "m", true));
        await(reconciler, "codeapp", s -> s.condition("Ready").orElseThrow().reason().equals("Deleted"),
                Duration.ofSeconds(30));
        assertFalse(Files.exists(runtimeOptions.codeDir("codeapp")));
    }

    @Test
    void aReleaseThatDoesNotLoadIsReportedWhileThePreviousOneKeepsServing() throws Exception {
        Reconciler reconciler = reconciler();
        String id = "badcode";
        CloudCodeRelease first = upload(id, 1, script("Parse.Cloud.define('hello', () => { return 'v1' ;"));
        reconciler.apply(spec(id, 1, "m", false).withCloudCode(Optional.of(first)));
        AppStatus none = await(reconciler, id, s -> s.observedGeneration() == 1, Duration.ofSeconds(90));
        assertEquals("version 1 failed to load: SyntaxError: Unexpected end of input (main.js:1); the app serves without "
                + "Cloud Code until a release loads", cloudCode(none).message());
        assertTrue(none.ready(), "the app serves, without Cloud Code");
        String upstream = none.upstream().orElseThrow();
        String refused = callFunction(upstream, id, "hello");
        assertTrue(refused.contains("Cloud Code failed to load: SyntaxError: Unexpected end of input (main.js:1)"), refused);

        CloudCodeRelease v2 = upload(id, 2, script("Parse.Cloud.define('hello', () => 'v2');\n"
                + "Parse.Cloud.define('crash', () => process.exit(3));"));
        reconciler.apply(spec(id, 2, "m", false).withCloudCode(Optional.of(v2)));
        AppStatus good = await(reconciler, id, s -> s.observedGeneration() == 2, Duration.ofSeconds(60));
        assertTrue(cloudCode(good).message().startsWith("version 2 is deployed and runs"), cloudCode(good).message());
        assertEquals("{\"result\":\"v2\"}", callFunction(upstream, id, "hello"), "Deployed means the runtime runs it");

        Map<Long, String> broken = Map.of(3L, "Parse.Cloud.define('hello', () => {", 4L,
                "Parse.Cloud.define('hello', () => 'v4');\nthrow new Error('no settings at load');");
        Map<Long, String> errors = Map.of(3L, "SyntaxError: Unexpected end of input (main.js:1)", 4L,
                "Error: no settings at load (main.js:2)");
        for (long version : List.of(3L, 4L)) {
            CloudCodeRelease release = upload(id, version, script(broken.get(version)));
            long start = System.nanoTime();
            reconciler.apply(spec(id, version, "m", false).withCloudCode(Optional.of(release)));
            AppStatus failed = await(reconciler, id, s -> s.observedGeneration() == version, Duration.ofSeconds(60));
            System.out.printf("apply of broken v%d -> LoadFailed in %d ms%n", version,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            var code = cloudCode(failed);
            assertEquals("False", code.status(), code.toString());
            assertEquals("LoadFailed", code.reason());
            assertEquals("version " + version + " failed to load: " + errors.get(version) + "; version 2 keeps serving",
                    code.message());
            assertTrue(failed.ready(), "the previous code serves: the app is up");
            assertEquals("{\"result\":\"v2\"}", callFunction(upstream, id, "hello"));
        }
        callFunction(upstream, id, "crash");
        awaitBody(() -> callFunction(upstream, id, "hello"), "{\"result\":\"v2\"}", Duration.ofSeconds(20));
        Thread.sleep(2500); // a resync pass (every 2 s here) asks the runtime again
        assertEquals("version 4 failed to load: Error: no settings at load (main.js:2); version 2 keeps serving",
                cloudCode(reconciler.status(id).orElseThrow()).message(), "a crash of v2's runner brings v2 back, not v4");

        CloudCodeRelease v5 = upload(id, 5, script("Parse.Cloud.define('hello', () => 'v5');"));
        reconciler.apply(spec(id, 5, "m", false).withCloudCode(Optional.of(v5)));
        AppStatus fixed = await(reconciler, id, s -> s.observedGeneration() == 5, Duration.ofSeconds(60));
        assertEquals("Deployed", cloudCode(fixed).reason(), cloudCode(fixed).toString());
        assertEquals("{\"result\":\"v5\"}", callFunction(upstream, id, "hello"));
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(upstream + "/cloud_code/status"))
                .header("X-Parse-Application-Id", id).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, anonymous.statusCode(), "the code status is for the master key only: " + anonymous.body());

        reconciler.apply(spec(id, 6, "m", true));
        await(reconciler, id, s -> s.condition("Ready").orElseThrow().reason().equals("Deleted"), Duration.ofSeconds(30));
    }

    private static dev.reparse.provisioning.Condition cloudCode(AppStatus status) {
        return status.condition("CloudCode").orElseThrow();
    }

    private static CodeBundle script(String source) {
        return new CodeBundle(CodeBundle.Format.JAVASCRIPT, source.getBytes(StandardCharsets.UTF_8));
    }

    private static CloudCodeRelease upload(String id, long version, CodeBundle bundle) {
        CODE.put(id + "@" + version, bundle);
        return new CloudCodeRelease(version, bundle.sha256());
    }

    private static String callFunction(String upstream, String id, String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(upstream + "/functions/" + name))
                .header("X-Parse-Application-Id", id).header("X-Parse-Master-Key", "m")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private interface Body {
        String get() throws IOException, InterruptedException;
    }

    private static void awaitBody(Body call, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(expected, last);
    }

    private interface Call {
        int status() throws IOException, InterruptedException;
    }

    private static void awaitStatusCode(Call call, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = call.status();
            if (last == expected) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(expected, last);
    }
}
