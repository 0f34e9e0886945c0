package dev.reparse.runtime.livequery;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.http.ApiRequest;
import dev.reparse.runtime.http.ApiResponse;
import dev.reparse.runtime.http.ParseApi;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import dev.reparse.runtime.users.AnonymousAuthData;
import dev.reparse.runtime.users.Users;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One app as the runtime wires it — core, users, REST API, LiveQuery server on an in-process bus — over a fresh
 * in-memory database, with clients that record the frames they receive instead of a WebSocket.
 */
final class LiveQueryHarness implements AutoCloseable {
    static final String APP = "lqapp";
    static final String MASTER = "lqmaster";
    static final String JS_KEY = "lqjs";

    final AtomicReference<AppSettings> settings;
    final ParseApi api;
    final LiveQueryServer server;

    LiveQueryHarness(String database, LiveQueryLimits limits, Set<String> liveClasses) {
        this(database, limits, liveClasses, new InProcessBus());
    }

    /** An app whose events travel on the given bus (a replica of an app on a shared bus). */
    LiveQueryHarness(String database, LiveQueryLimits limits, Set<String> liveClasses, LiveQueryBus bus) {
        AppSettings.Keys keys = new AppSettings.Keys(MASTER, Optional.empty(), Optional.of(JS_KEY), Optional.empty(),
                Optional.empty(), Optional.empty());
        settings = new AtomicReference<>(new AppSettings(APP, keys, AppSettings.Limits.defaults(),
                AppSettings.Access.defaults().withClientClassCreation(true), AppSettings.Sessions.defaults(),
                liveClasses));
        MongoStorageAdapter storage = new MongoStorageAdapter(TestMongo.freshDatabase(database));
        AppContext app = new AppContext(settings::get, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(5)));
        ParseCore core = new ParseCore(app);
        core.initialize();
        Users users = Users.install(core, new AnonymousAuthData());
        api = new ParseApi(core, users, "/parse");
        core.useWriteEvents(new LiveQueryPublisher(() -> settings.get().liveQueryClasses(), bus));
        server = new LiveQueryServer(new LiveQueryServer.Setup(core, () -> settings.get().liveQueryClasses(),
                api::liveQueryMaster, users::authenticate, limits, bus, LiveQueryHooks.NONE,
                Executors.newVirtualThreadPerTaskExecutor(), api::fillFileUrls));
    }

    /** A REST call with the master key, or as the session's user (with the JavaScript key) when a token is given. */
    Map<String, Object> call(String method, String path, Map<String, Object> body, String sessionToken) {
        return castMap(answer(method, path, body, sessionToken));
    }

    /** As {@link #call}, for answers that are not objects ({@code /batch}). */
    Object answer(String method, String path, Map<String, Object> body, String sessionToken) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(APP, sessionToken == null ? MASTER : null,
                JS_KEY, null, null, null, sessionToken, null);
        ApiResponse response = api.handle(new ApiRequest(method, path, copy(body), credentials,
                "http://localhost:1337/parse"));
        if (response.status() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.status() + " " + response.body());
        }
        return response.body();
    }

    Client connect(Map<String, Object> connectFrame) {
        Client client = open(Integer.MAX_VALUE);
        client.send(connectFrame);
        return client;
    }

    Client open(int capacity) {
        Client client = new Client(capacity);
        client.connection = server.open(client, "http://localhost:1337/parse").orElseThrow();
        return client;
    }

    static Map<String, Object> connectFrame(String sessionToken) {
        Map<String, Object> frame = new LinkedHashMap<>(Map.of("op", "connect", "applicationId", APP,
                "javascriptKey", JS_KEY));
        if (sessionToken != null) {
            frame.put("sessionToken", sessionToken);
        }
        return frame;
    }

    static Map<String, Object> subscribeFrame(int requestId, String className, Map<String, Object> where) {
        return Map.of("op", "subscribe", "requestId", requestId, "query", Map.of("className", className, "where", where));
    }

    @Override
    public void close() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> copy(Map<String, Object> body) {
        return body == null ? new LinkedHashMap<>() : castMap(Json.parse(Json.writeString(body)));
    }

    /** A client that keeps what it receives; with a capacity, one that never reads (a slow consumer). */
    static final class Client implements Outbound {
        final BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
        final int capacity;
        volatile Integer closeCode;
        LiveConnection connection;

        Client(int capacity) {
            this.capacity = capacity;
        }

        void send(Map<String, Object> frame) {
            connection.receive(Json.writeString(frame));
        }

        @Override
        public boolean send(String frame) {
            if (frames.size() >= capacity) {
                return false;
            }
            frames.add(castMap(Json.parse(frame)));
            return true;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        Map<String, Object> next() {
            try {
                Map<String, Object> frame = frames.poll(5, TimeUnit.SECONDS);
                assertNotNull(frame, "no frame within 5 s");
                return frame;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The next frame within the time, or null. */
        Map<String, Object> poll(long millis) throws InterruptedException {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        }
    }
}
