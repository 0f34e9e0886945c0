package dev.reparse.runtime.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.core.RequestInfo;
import dev.reparse.runtime.http.ApiRequest;
import dev.reparse.runtime.http.ApiResponse;
import dev.reparse.runtime.http.ParseApi;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import dev.reparse.runtime.users.AnonymousAuthData;
import dev.reparse.runtime.users.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's own npm dependencies, as the platform's deployer installs them ({@code npm ci} beside the code), are
 * what its {@code require} finds through the runner, also when the runner runs a staged copy as {@code nobody}; the
 * app's own copy of {@code parse} does not replace the runner's SDK.
 */
class CloudDependenciesIT {
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
    private static final String MAIN = """
            const isOdd = require('is-odd');
            Parse.Cloud.define('odd', req => isOdd(req.params.n));
            Parse.Cloud.define('where', () => require.resolve('is-odd').startsWith(require('path').dirname(__dirname)));
            Parse.Cloud.define('sameParse', () => require('parse/node') === Parse);
            Parse.Cloud.define('uid', () => process.getuid());
            """;

    @TempDir
    static Path code;
    private static ParseApi api;
    private static CloudFeature cloud;
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(code.resolve("package.json"), PACKAGE);
        Files.writeString(code.resolve("package-lock.json"), LOCK);
        Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(code.toFile()).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, npm.waitFor(), out);
        // the app's own parse, which would break the runner if it were loaded in place of the runner's SDK
        Path appParse = Files.createDirectories(code.resolve("node_modules/parse"));
        Files.writeString(appParse.resolve("package.json"), "{\"name\": \"parse\", \"version\": \"0.0.1\"}");
        Files.writeString(appParse.resolve("node.js"), "throw new Error('the app\\'s own parse was loaded');");
        Files.writeString(appParse.resolve("index.js"), "throw new Error('the app\\'s own parse was loaded');");
        Files.writeString(Files.createDirectories(code.resolve("cloud")).resolve("main.js"), MAIN);

        MongoStorageAdapter storage = new MongoStorageAdapter(TestMongo.freshDatabase("clouddeps"));
        AppSettings settings = new AppSettings("app", AppSettings.Keys.masterOnly("master"),
                AppSettings.Limits.defaults(), new AppSettings.Access(true, true, true), AppSettings.Sessions.defaults());
        AppContext app = new AppContext(settings, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(5)));
        ParseCore core = new ParseCore(app);
        core.initialize();
        cloud = CloudFeature.create(core, new CloudFeature.Setup(config(code), hooks(), "app", "http://localhost/parse",
                () -> Optional.of("hook-key")), EXECUTOR, Clock.systemUTC());
        ParseApi parseApi = new ParseApi(core, Users.install(core, new AnonymousAuthData()), "/parse", null, cloud);
        cloud.attach((method, path, body, master, token, installationId, context) -> parseApi.handleFromCode(method,
                path, body, master, token, installationId, new RequestInfo(context, null, Map.of(),
                        "http://localhost/parse")));
        api = parseApi;
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void theCodeRequiresItsOwnInstalledPackages() {
        assertEquals(true, result("odd", Map.of("n", 3)));
        assertEquals(false, result("odd", Map.of("n", 4)));
        assertEquals(true, result("where", Map.of()), "is-odd resolves inside the staged code, not the runner's");
    }

    @Test
    void theAppsOwnParseDependencyDoesNotReplaceTheRunnersSdk() {
        assertEquals(true, result("sameParse", Map.of()));
    }

    @Test
    void asRootTheRunnerRunsTheStagedCodeAsNobody() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        boolean root = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0");
        Object uid = result("uid", Map.of());
        if (root) {
            Process nobody = new ProcessBuilder("id", "-u", "nobody").start();
            String expected = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(expected, String.valueOf(((Number) uid).intValue()));
        }
    }

    private static Object result(String function, Map<String, Object> params) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials("app", "master", null, null, null, null, null,
                null);
        ApiResponse answer = api.handle(new ApiRequest("POST", "/functions/" + function, new LinkedHashMap<>(params),
                credentials, "http://localhost/parse"));
        assertEquals(200, answer.status(), String.valueOf(answer.body()));
        return ((Map<?, ?>) answer.body()).get("result");
    }

    private static CloudConfig config(Path dir) {
        return new CloudConfig() {
            public Optional<String> path() {
                return Optional.of(dir.toString());
            }

            public String node() {
                return "node";
            }

            public Optional<String> runnerDir() {
                return Optional.empty();
            }

            public Duration functionTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration triggerTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration jobTimeout() {
                return Duration.ofSeconds(10);
            }

            public int memoryMb() {
                return 128;
            }

            public String runAs() {
                return "nobody";
            }

            public int logLines() {
                return 200;
            }

            public Duration reloadInterval() {
                return Duration.ofMillis(300);
            }
        };
    }

    private static HooksConfig hooks() {
        return new HooksConfig() {
            public Optional<List<String>> allowedHosts() {
                return Optional.of(List.of("127.0.0.1"));
            }

            public Duration timeout() {
                return Duration.ofSeconds(3);
            }
        };
    }
}
