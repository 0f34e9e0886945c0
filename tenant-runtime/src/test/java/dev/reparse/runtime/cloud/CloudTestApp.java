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

/**
 * One app's Parse API with the Cloud Code of a folder, as the runtime wires it, over the in-memory mongo-java-server:
 * what the Cloud Code ITs start (a real Node runner as {@code nobody} when run as root). Closing it stops the runner.
 */
final class CloudTestApp implements AutoCloseable {
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();
    final ParseApi api;
    final CloudFeature cloud;

    CloudTestApp(String database, Path code, Optional<Path> keepDir) {
        this(database, code, keepDir, Duration.ofSeconds(5));
    }

    /** {@code callTimeout}: the limit of a function or trigger call. */
    CloudTestApp(String database, Path code, Optional<Path> keepDir, Duration callTimeout) {
        MongoStorageAdapter storage = new MongoStorageAdapter(TestMongo.freshDatabase(database));
        AppSettings settings = new AppSettings("app", AppSettings.Keys.masterOnly("master"),
                AppSettings.Limits.defaults(), new AppSettings.Access(true, true, true), AppSettings.Sessions.defaults());
        AppContext app = new AppContext(settings, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(5)));
        ParseCore core = new ParseCore(app);
        core.initialize();
        cloud = CloudFeature.create(core, new CloudFeature.Setup(config(code, keepDir, callTimeout), hooks(), "app",
                "http://localhost/parse", () -> Optional.of("hook-key")), EXECUTOR, Clock.systemUTC());
        ParseApi parseApi = new ParseApi(core, Users.install(core, new AnonymousAuthData()), "/parse", null, cloud);
        cloud.attach((method, path, body, master, token, installationId, context) -> parseApi.handleFromCode(method,
                path, body, master, token, installationId, new RequestInfo(context, null, Map.of(),
                        "http://localhost/parse")));
        api = parseApi;
    }

    /** Calls a function with the master key. */
    ApiResponse call(String function, Map<String, Object> params) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials("app", "master", null, null, null, null, null,
                null);
        return api.handle(new ApiRequest("POST", "/functions/" + function, new LinkedHashMap<>(params), credentials,
                "http://localhost/parse"));
    }

    /** A function's result; fails unless it answered 200. */
    Object result(String function, Map<String, Object> params) {
        ApiResponse answer = call(function, params);
        assertEquals(200, answer.status(), String.valueOf(answer.body()));
        return ((Map<?, ?>) answer.body()).get("result");
    }

    @Override
    public void close() {
        cloud.close();
    }

    static CloudConfig config(Path dir, Optional<Path> keepDir, Duration callTimeout) {
        return new CloudConfig() {
            public Optional<String> path() {
                return Optional.of(dir.toString());
            }

            public Optional<String> keepDir() {
                return keepDir.map(Path::toString);
            }

            public String node() {
                return "node";
            }

            public Optional<String> runnerDir() {
                return Optional.empty();
            }

            public Duration functionTimeout() {
                return callTimeout;
            }

            public Duration triggerTimeout() {
                return callTimeout;
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

    static HooksConfig hooks() {
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
