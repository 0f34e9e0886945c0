package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.requestlog.RequestLine;
import dev.reparse.runtime.requestlog.RequestLogFile;
import dev.reparse.runtime.requestlog.RequestLogHandler;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request log over real HTTP: the log handler in front of the edge's answer writer, an app that requires client
 * keys behind it. A refused request leaves a line that says why, and no line holds a key or a session token.
 */
class AppRequestLogIT {
    private static final String JS_KEY = "js-key-0123456789";
    private static final String MASTER = "master-key-0123456789";
    private static final String TOKEN = "r:session-token-0123456789";

    @TempDir
    Path dir;
    private Vertx vertx;
    private RequestLogFile log;
    private int port;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        AppSettings settings = new AppSettings(TestApi.APP, new AppSettings.Keys(MASTER, Optional.empty(),
                Optional.of(JS_KEY), Optional.empty(), Optional.empty(), Optional.empty()), AppSettings.Limits.defaults(),
                new AppSettings.Access(true, true, true), AppSettings.Sessions.defaults());
        TestApi app = TestApi.start(new MongoStorageAdapter(TestMongo.freshDatabase("requestlog")), settings);
        log = RequestLogFile.open(dir.resolve("requests.log"), 1 << 20);
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/parse/*").order(-200).handler(new RequestLogHandler("/parse", log, Clock.systemUTC()));
        router.route("/parse/*").handler(BodyHandler.create(false)).blockingHandler(ctx -> {
            Map<String, Object> body = ctx.body().buffer() == null || ctx.body().length() == 0 ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(Json.parseObject(ctx.body().buffer().getBytes()));
            ApiRequest.Credentials credentials = HttpRoutes.credentials(ctx.request().headers(), body);
            String path = ctx.request().path().substring("/parse".length());
            HttpRoutes.write(ctx.response(), app.api.handle(new ApiRequest(ctx.request().method().name(), path, body,
                    credentials, "http://localhost/parse")));
        }).failureHandler(ctx -> {
            ctx.failure().printStackTrace();
            ctx.response().setStatusCode(500).end();
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        log.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private int send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("X-Parse-Application-Id", TestApi.APP);
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The log's lines once it holds {@code expected} of them: a line is queued just after its answer went out. */
    private List<Map<String, Object>> lines(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String text = "";
        while (System.nanoTime() < deadline) {
            log.flush(1000);
            text = Files.exists(log.file()) ? Files.readString(log.file()) : "";
            if (text.lines().count() >= expected) {
                break;
            }
            Thread.sleep(20);
        }
        assertFalse(text.contains(JS_KEY) || text.contains(MASTER) || text.contains(TOKEN) || text.contains("session-token"),
                "a key or a session token reached the log: " + text);
        return text.lines().map(line -> Json.parseObject(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
    }

    @Test
    void aRequestWithoutClientKeyIsLoggedWithItsReason() throws Exception {
        assertEquals(403, send("GET", "/parse/classes/Game?where=%7B%22secret%22%3A1%7D", Map.of()));
        Map<String, Object> line = lines(1).getFirst();
        assertEquals("error", line.get("level"));
        assertEquals("GET", line.get("method"));
        assertEquals("/parse/classes/Game", line.get("path"), "the query string stays out of the log");
        assertEquals(403, ((Number) line.get("status")).intValue());
        assertEquals("unauthorized: no client key", line.get("error"));
        assertTrue(line.get("time") instanceof String && line.get("ms") instanceof Number);
    }

    @Test
    void aWrongKeyAndABadSessionTokenAreLoggedWithoutTheSecrets() throws Exception {
        assertEquals(403, send("GET", "/parse/classes/Game", Map.of("X-Parse-REST-API-Key", JS_KEY + "x")));
        assertEquals(403, send("GET", "/parse/classes/Game", Map.of("X-Parse-Master-Key", MASTER + "x")));
        assertEquals(400, send("GET", "/parse/users/me", Map.of("X-Parse-Javascript-Key", JS_KEY,
                "X-Parse-Session-Token", TOKEN)));
        assertEquals(200, send("GET", "/parse/classes/Game", Map.of("X-Parse-Javascript-Key", JS_KEY)));
        List<Map<String, Object>> lines = lines(4);
        assertEquals(4, lines.size());
        assertEquals("unauthorized: wrong client key", lines.get(0).get("error"));
        assertEquals("unauthorized: wrong master key", lines.get(1).get("error"));
        assertEquals(209, ((Number) lines.get(2).get("code")).intValue());
        assertEquals("Invalid session token", lines.get(2).get("error"));
        assertEquals("info", lines.get(3).get("level"));
        assertFalse(lines.get(3).containsKey("error"));
    }

    @Test
    void theFileIsRotatedPastItsSize() throws Exception {
        try (RequestLogFile small = RequestLogFile.open(dir.resolve("small.log"), 4096)) {
            for (int i = 0; i < 200; i++) {
                small.append(new RequestLine(Instant.now(), "GET", "/parse/classes/Game" + i, 200, null, null, 1));
                if (i % 20 == 0) {
                    small.flush(5000);
                }
            }
            small.flush(5000);
        }
        assertTrue(Files.exists(dir.resolve("small.log.1")));
        assertTrue(!Files.exists(dir.resolve("small.log")) || Files.size(dir.resolve("small.log")) <= 4096 + 2048);
        assertTrue(Files.size(dir.resolve("small.log.1")) <= 4096 + 2048);
    }
}
