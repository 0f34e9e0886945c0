package dev.reparse.router;

import static dev.reparse.router.RouterHarness.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slow, stalled and idle clients, and runtimes that do not answer, against a router with one-second timeouts. */
class RouterTimeoutsIT {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    /** A timeout must have fired by then: the limit, the sweep's granularity and a loaded machine's slack. */
    private static final long CUT_OFF_WITHIN_MS = 4000;
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static RouterHarness router;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.start(vertx, "A");
        Path routes = Files.createTempDirectory("router-timeouts").resolve("routes.json");
        RouterHarness.writeRoutes(routes, 1, route("app", upstream.url(), "app", 0, true));
        router = RouterHarness.start(TestConfig.withRoutesFile(routes.toString()).headerTimeout(LIMIT)
                .keepAliveTimeout(LIMIT).bodyTimeout(LIMIT).upstreamTimeout(LIMIT), System::nanoTime);
        router.awaitVersion(1);
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void closesAConnectionThatSendsNothing() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            assertClosedWithinLimit(raw);
        }
    }

    @Test
    void closesAConnectionWhoseHeadNeverEnds() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            raw.send("GET /parse/classes/Thing HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 3; i++) {
                Thread.sleep(300);
                raw.send("X-Slow-" + i + ": trickled\r\n");
            }
            assertClosedWithinLimit(raw);
        }
    }

    @Test
    void closesAKeepAliveConnectionLeftIdle() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            RawHttp.Response answer = raw.send(get()).readResponse();
            assertEquals(200, answer.status());
            assertClosedWithinLimit(raw);
        }
    }

    @Test
    void keepsAKeepAliveConnectionThatKeepsSendingRequests() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            for (int i = 0; i < 4; i++) {
                assertEquals(200, raw.send(get()).readResponse().status());
                Thread.sleep(600);
            }
        }
    }

    @Test
    void cutsOffAStalledBodyForwardedByHeader() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            raw.send("POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\nX-Parse-Application-Id: app\r\n"
                    + "Content-Length: 100\r\n\r\n{\"a\":");
            assertClosedWithinLimit(raw);
        }
    }

    @Test
    void cutsOffAStalledBodyWhileLookingForItsApplicationId() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            raw.send("POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 100\r\n\r\n{\"where\":");
            assertClosedWithinLimit(raw);
        }
    }

    @Test
    void keepsASlowBodyThatKeepsComing() throws Exception {
        String body = "{\"_ApplicationId\":\"app\",\"a\":12345}";
        try (RawHttp raw = new RawHttp(router.port())) {
            raw.send("POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            for (char c : body.toCharArray()) {
                raw.send(String.valueOf(c));
                Thread.sleep(70);
            }
            RawHttp.Response answer = raw.readResponse();
            assertEquals(200, answer.status(), answer.body());
            assertEquals(body, new JsonObject(answer.body()).getString("body"));
        }
    }

    @Test
    void answers504WithParseError124WhenTheRuntimeDoesNotAnswerInTime() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            long start = System.nanoTime();
            RawHttp.Response answer = raw.send(get("/parse/slow?ms=5000")).readResponse();
            long took = (System.nanoTime() - start) / 1_000_000;
            assertEquals(504, answer.status(), answer.body());
            assertEquals(124, new JsonObject(answer.body()).getInteger("code"));
            assertTrue(took < CUT_OFF_WITHIN_MS, "answered after " + took + " ms");
            assertEquals("*", answer.headers().get("access-control-allow-origin"));
        }
        try (RawHttp raw = new RawHttp(router.port())) {
            assertEquals(200, raw.send(get("/parse/slow?ms=300")).readResponse().status(), "a runtime in time is waited for");
        }
    }

    @Test
    void keepsAnIdleLiveQueryWebSocketOpen() throws Exception {
        Vertx client = Vertx.vertx();
        try {
            WebSocket socket = client.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(router.port()).setURI("/parse/livequery/app")).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(2500);
            CompletableFuture<String> reply = new CompletableFuture<>();
            socket.textMessageHandler(reply::complete);
            socket.writeTextMessage("still there");
            assertEquals("A:still there", reply.get(5, TimeUnit.SECONDS));
        } finally {
            client.close();
        }
    }

    @Test
    void closesALiveQueryWebSocketThatNeverSendsItsConnectFrame() throws Exception {
        Vertx client = Vertx.vertx();
        try {
            WebSocket socket = client.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(router.port()).setURI("/parse/livequery")).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> closed = new CompletableFuture<>();
            socket.closeHandler(v -> closed.complete(null));
            closed.get(CUT_OFF_WITHIN_MS, TimeUnit.MILLISECONDS);
        } finally {
            client.close();
        }
    }

    private static String get() {
        return get("/parse/classes/Thing");
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Parse-Application-Id: app\r\n\r\n";
    }

    private static void assertClosedWithinLimit(RawHttp raw) throws Exception {
        long took = raw.awaitClose(CUT_OFF_WITHIN_MS + 2000);
        assertTrue(took >= 0, "the connection was still open after " + (CUT_OFF_WITHIN_MS + 2000) + " ms");
        assertTrue(took < CUT_OFF_WITHIN_MS, "closed only after " + took + " ms");
    }
}
