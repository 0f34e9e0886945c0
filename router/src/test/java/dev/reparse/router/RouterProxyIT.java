package dev.reparse.router;

import static dev.reparse.router.RouterHarness.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The router in front of two stand-in runtimes, over real HTTP, with a routes file for its table. */
class RouterProxyIT {
    private static final AtomicLong CLOCK = new AtomicLong();
    private static Vertx upstreamVertx;
    private static TestUpstream first;
    private static TestUpstream second;
    private static RouterHarness router;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        upstreamVertx = Vertx.vertx();
        first = TestUpstream.start(upstreamVertx, "A");
        second = TestUpstream.start(upstreamVertx, "B");
        Path routes = Files.createTempDirectory("router-it").resolve("routes.json");
        RouterHarness.writeRoutes(routes, 3, String.join(",",
                route("alpha", first.url(), "alpha", 0, true),
                route("beta", second.url(), "beta", 0, true),
                route("limited", first.url(), "limited", 3, true),
                route("metered", second.url(), "metered", 0, true),
                route("analyzed", first.url(), "analyzed", 0, true),
                route("starting", first.url(), "starting", 0, false),
                route("down", "http://127.0.0.1:" + unusedPort(), "down", 0, true),
                route("homeless", null, "homeless", 0, true)));
        // a frozen clock: the buckets only refill when a test moves it
        router = RouterHarness.start(TestConfig.withRoutesFile(routes.toString()), CLOCK::get);
        router.awaitVersion(3);
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        upstreamVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void routesByApplicationIdHeader() throws Exception {
        assertEquals("A", echo(get("/parse/classes/Thing", "alpha")).getString("upstream"));
        assertEquals("B", echo(get("/parse/classes/Thing", "beta")).getString("upstream"));
    }

    @Test
    void routesByApplicationIdInTheJsSdksTextPlainBodyAndReplaysTheBody() throws Exception {
        String body = "{\"where\":{},\"_method\":\"GET\",\"_ApplicationId\":\"beta\",\"_JavaScriptKey\":\"js\"}";
        HttpResponse<String> answer = send(post("/parse/classes/Thing", "text/plain", body));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("B", echo(answer).getString("upstream"));
        assertEquals(body, echo(answer).getString("body"));
    }

    @Test
    void findsAnApplicationIdThatComesFirstInABodyLargerThanTheMemoryBoundAndStreamsTheRest() throws Exception {
        String body = "{\"_ApplicationId\":\"beta\",\"padding\":\"" + "x".repeat(300_000) + "\"}";
        HttpResponse<String> answer = send(post("/parse/classes/Thing", "application/json", body));
        assertEquals("B", echo(answer).getString("upstream"));
        assertEquals(body, echo(answer).getString("body"));
    }

    @Test
    void findsTheJsSdksApplicationIdAtTheEndOfItsBodyAtAnySizeAndReplaysTheBodyIntact() throws Exception {
        for (int size : new int[] {64 * 1024, 200 * 1024, 1 << 20, 20 << 20}) {
            assertDigestedBy("B", SdkBodies.fileUpload("beta", size), false);
        }
        assertDigestedBy("A", SdkBodies.objectSave("alpha", 200 * 1024), false);
        assertDigestedBy("A", SdkBodies.objectSave("alpha", 100), false);
    }

    @Test
    void findsTheApplicationIdAtTheEndOfAChunkedBody() throws Exception {
        assertDigestedBy("B", SdkBodies.fileUpload("beta", 1 << 20), true);
        assertDigestedBy("A", SdkBodies.objectSave("alpha", 300), true);
    }

    @Test
    void aBodyThatNamesNoAppIsRoutedByItsPathOrRefused() throws Exception {
        String noId = "{\"padding\":\"" + "x".repeat(200_000) + "\"}";
        assertEquals(403, send(post("/parse/classes/Thing", "text/plain", noId)).statusCode());
        assertEquals(403, send(post("/parse/classes/Thing", "text/plain", "not json at all")).statusCode());
        HttpResponse<String> byPath = send(post("/parse/files/beta/x.json", "application/json", noId));
        assertEquals("B", echo(byPath).getString("upstream"));
        assertEquals(noId, echo(byPath).getString("body"));
    }

    @Test
    void passesARuntimesEarlyRefusalOfAnUploadThroughInsteadOfAnswering503() throws Exception {
        for (int size : new int[] {16 * 1024, 32 << 20}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/parse/refuse"))
                    .header("X-Parse-Application-Id", "alpha").header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])).build());
            assertEquals(403, refused.statusCode(), size + " bytes: " + refused.body());
            assertEquals(new JsonObject().put("code", 119).put("error", "refused early by A"), new JsonObject(refused.body()));
        }
        HttpResponse<String> sdk = send(HttpRequest.newBuilder(uri("/parse/refuse")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SdkBodies.fileUpload("alpha", 8 << 20))).build());
        assertEquals(403, sdk.statusCode(), sdk.body());
        assertEquals(119, new JsonObject(sdk.body()).getInteger("code"));
        assertEquals("A", echo(get("/parse/classes/Thing", "alpha")).getString("upstream"), "the runtime still answers");
    }

    @Test
    void answersExpect100ContinueAtOnceAndDoesNotForwardTheExpectation() throws Exception {
        String body = "{\"a\":1}";
        String byHeader = "POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\nX-Parse-Application-Id: alpha\r\n"
                + "Content-Type: application/json\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n";
        String sdk = "{\"_ApplicationId\":\"beta\"}";
        String byBody = "POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + sdk.length() + "\r\nExpect: 100-continue\r\n\r\n";
        for (String[] exchange : new String[][] {{byHeader, body, "A"}, {byBody, sdk, "B"}}) {
            try (RawHttp raw = new RawHttp(router.port())) {
                long start = System.nanoTime();
                RawHttp.Response interim = raw.send(exchange[0]).readResponse();
                long waited = (System.nanoTime() - start) / 1_000_000;
                assertEquals(100, interim.status());
                assertTrue(waited < 500, "100 Continue took " + waited + " ms");
                RawHttp.Response answer = raw.send(exchange[1]).readResponse();
                assertEquals(200, answer.status(), answer.body());
                JsonObject echoed = new JsonObject(answer.body());
                assertEquals(exchange[2], echoed.getString("upstream"));
                assertEquals(exchange[1], echoed.getString("body"));
                assertNull(echoed.getJsonObject("headers").getString("expect"), "the router answered the expectation");
            }
        }
    }

    @Test
    void refusesAnUnknownAppThatExpects100ContinueWithoutAskingForTheBody() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            RawHttp.Response answer = raw.send("POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\n"
                    + "X-Parse-Application-Id: nobody\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
                    .readResponse();
            assertEquals(403, answer.status());
            assertEquals("close", answer.headers().get("connection"));
            assertTrue(raw.awaitClose(5000) >= 0, "the body never comes: the connection is closed rather than waited on");
        }
    }

    @Test
    void routesFileUrlsByTheAppIdInTheirPath() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/parse/files/beta/d41d8_photo.jpg")).build());
        assertEquals("B", echo(answer).getString("upstream"));
        assertEquals("/parse/files/beta/d41d8_photo.jpg", echo(answer).getString("uri"));
    }

    @Test
    void routesLiveQueryPathsByTheAppIdInThem() throws Exception {
        assertEquals("A", echo(send(HttpRequest.newBuilder(uri("/parse/livequery/alpha")).build())).getString("upstream"));
    }

    @Test
    void routesBySubdomainOfTheConfiguredDomain() throws Exception {
        String answer = rawGet("/parse/classes/Thing", "beta.apps.test");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"upstream\":\"B\""), answer);
        assertTrue(rawGet("/parse/classes/Thing", "beta.other.test").startsWith("HTTP/1.1 403"));
    }

    @Test
    void theHeaderWinsOverThePath() throws Exception {
        assertEquals("A", echo(get("/parse/files/beta/x.txt", "alpha")).getString("upstream"));
    }

    @Test
    void anUnknownOrMissingAppIsForbiddenAsParseServerAnswers() throws Exception {
        HttpResponse<String> unknown = get("/parse/classes/Thing", "nobody");
        assertEquals(403, unknown.statusCode());
        assertEquals(new JsonObject().put("error", "unauthorized"), new JsonObject(unknown.body()));
        assertEquals(403, send(HttpRequest.newBuilder(uri("/parse/classes/Thing")).build()).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(uri("/parse/files/nobody/x.txt")).build()).statusCode());
    }

    @Test
    void keepsTheConnectionAfterRefusingARequestWithoutABodyOrWithASmallOne() throws Exception {
        try (RawHttp raw = new RawHttp(router.port())) {
            RawHttp.Response refused = raw.send("GET /parse/classes/Thing HTTP/1.1\r\nHost: x\r\n"
                    + "X-Parse-Application-Id: nobody\r\n\r\n").readResponse();
            assertEquals(403, refused.status());
            assertNull(refused.headers().get("connection"));
            RawHttp.Response refusedWithBody = raw.send("POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\n"
                    + "X-Parse-Application-Id: nobody\r\nContent-Length: 7\r\n\r\n{\"a\":1}").readResponse();
            assertEquals(403, refusedWithBody.status());
            assertNull(refusedWithBody.headers().get("connection"));
            RawHttp.Response next = raw.send("GET /parse/classes/Thing HTTP/1.1\r\nHost: x\r\n"
                    + "X-Parse-Application-Id: alpha\r\n\r\n").readResponse();
            assertEquals(200, next.status(), "the same connection serves the next request");
        }
    }

    @Test
    void aDownRuntimeAnswers503WhileTheOtherAppsKeepAnswering() throws Exception {
        HttpResponse<String> down = get("/parse/classes/Thing", "down");
        assertEquals(503, down.statusCode());
        assertEquals(1, new JsonObject(down.body()).getInteger("code"));
        assertEquals("A", echo(get("/parse/classes/Thing", "alpha")).getString("upstream"));
    }

    @Test
    void anAppThatIsNotReadyOrHasNoRuntimeAnswers503() throws Exception {
        assertEquals(503, get("/parse/classes/Thing", "starting").statusCode());
        assertEquals(503, get("/parse/classes/Thing", "homeless").statusCode());
    }

    @Test
    void anAppOverItsLimitGets429WithError155AndOtherAppsAreUnaffected() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/parse/classes/Thing", "limited").statusCode());
        }
        HttpResponse<String> over = get("/parse/classes/Thing", "limited");
        assertEquals(429, over.statusCode());
        assertEquals(new JsonObject().put("code", 155).put("error", "This application has exceeded its request limit."),
                new JsonObject(over.body()));
        assertEquals(200, get("/parse/classes/Thing", "alpha").statusCode());
        CLOCK.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
        assertEquals(200, get("/parse/classes/Thing", "limited").statusCode(), "a third of a second refills one token");
        assertEquals(429, get("/parse/classes/Thing", "limited").statusCode());
    }

    @Test
    void forwardsEndToEndHeadersAddsForwardedOnesAndDropsHopByHopOnes() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/parse/classes/Thing"))
                .header("X-Parse-Application-Id", "alpha").header("X-Parse-Session-Token", "r:abc").build());
        JsonObject headers = echo(answer).getJsonObject("headers");
        assertEquals("r:abc", headers.getString("x-parse-session-token"));
        assertEquals("127.0.0.1", headers.getString("x-forwarded-for"));
        assertEquals("http", headers.getString("x-forwarded-proto"));
        assertEquals("127.0.0.1:" + router.port(), headers.getString("x-forwarded-host"));
        assertEquals("127.0.0.1:" + router.port(), headers.getString("host"), "runtimes build URLs from the router's host");
        assertEquals("A", answer.headers().firstValue("X-Upstream").orElseThrow());
        assertTrue(answer.headers().firstValue("X-Secret").isEmpty(), "a header the runtime named in Connection is hop-by-hop");
    }

    @Test
    void aPreflightThatNamesNoAppIsAnsweredByTheRouter() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/parse/classes/Thing"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-parse-application-id, content-type").build());
        assertEquals(200, answer.statusCode());
        assertEquals("*", answer.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("x-parse-application-id, content-type",
                answer.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
    }

    @Test
    void countsRequestsBytesAndRejectionsPerApp() throws Exception {
        long bytesOut = 0;
        for (String body : new String[] {"{\"a\":1}", "{\"b\":22}", "{\"c\":333}"}) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/parse/classes/Thing"))
                    .header("X-Parse-Application-Id", "metered").POST(HttpRequest.BodyPublishers.ofString(body)).build());
            bytesOut += answer.body().getBytes(StandardCharsets.UTF_8).length;
        }
        HttpResponse<String> usage = send(HttpRequest.newBuilder(uri("/internal/v1/usage"))
                .header("X-Reparse-Internal-Token", "secret").build());
        JsonObject metered = new JsonObject(usage.body()).getJsonObject("apps").getJsonObject("metered");
        assertEquals(1, metered.getJsonArray("operations").size(), metered.encode());
        assertEquals(new JsonObject().put("operation", "create").put("class", "Thing").put("status", "2xx").put("sdk", "rest")
                .put("count", 3), metered.getJsonArray("operations").getJsonObject(0));
        metered.remove("operations");
        metered.remove("latency");
        assertEquals(new JsonObject().put("requests", 3).put("bytesIn", 7 + 8 + 9).put("bytesOut", bytesOut).put("rejected", 0),
                metered);
        assertEquals(403, send(HttpRequest.newBuilder(uri("/internal/v1/usage")).build()).statusCode());
        String metrics = send(HttpRequest.newBuilder(uri("/metrics")).header("X-Reparse-Internal-Token", "secret").build()).body();
        assertTrue(metrics.contains("reparse_router_requests_total{app=\"metered\"} 3"), metrics);
    }

    @Test
    void countsFinishedRequestsByOperationClassStatusSdkWithLatencies() throws Exception {
        // the JS SDK's find: a text/plain POST with _method before the app's ID and _ClientVersion after it
        echo(send(post("/parse/classes/Score", "text/plain", "{\"where\":{},\"_method\":\"GET\",\"_ApplicationId\":"
                + "\"analyzed\",\"_JavaScriptKey\":\"js\",\"_ClientVersion\":\"js6.1.1\"}")));
        assertEquals(404, send(HttpRequest.newBuilder(uri("/parse/classes/Score/abc?status=404"))
                .header("X-Parse-Application-Id", "analyzed").header("X-Parse-Client-Version", "i1.19.0").build()).statusCode());
        echo(send(HttpRequest.newBuilder(uri("/parse/classes/Score")).header("X-Parse-Application-Id", "analyzed")
                .POST(HttpRequest.BodyPublishers.ofString("{\"score\":1}")).build()));
        echo(send(HttpRequest.newBuilder(uri("/parse/functions/hello")).header("X-Parse-Application-Id", "analyzed")
                .header("X-Parse-Client-Version", "a1.26.0").POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        assertEquals(503, send(HttpRequest.newBuilder(uri("/parse/users/me")).header("X-Parse-Application-Id", "down")
                .build()).statusCode());

        JsonObject usage = new JsonObject(send(HttpRequest.newBuilder(uri("/internal/v1/usage"))
                .header("X-Reparse-Internal-Token", "secret").build()).body());
        assertEquals(31, usage.getJsonArray("latencyBucketsMs").size());
        JsonObject analyzed = usage.getJsonObject("apps").getJsonObject("analyzed");
        java.util.Set<String> counted = new java.util.TreeSet<>();
        analyzed.getJsonArray("operations").forEach(o -> {
            JsonObject c = (JsonObject) o;
            counted.add(c.getString("operation") + " " + c.getString("class") + " " + c.getString("status") + " "
                    + c.getString("sdk") + " " + c.getLong("count"));
        });
        assertEquals(java.util.Set.of("find Score 2xx js 1", "get Score 4xx ios 1", "create Score 2xx rest 1",
                "function hello 2xx android 1"), counted);
        for (String operation : new String[] {"find", "get", "create", "function"}) {
            long timed = analyzed.getJsonObject("latency").getJsonArray(operation).stream()
                    .mapToLong(n -> ((Number) n).longValue()).sum();
            assertEquals(1, timed, operation);
        }
        // the router's own 503 for an unreachable runtime counts as a server error of that app
        JsonObject down = usage.getJsonObject("apps").getJsonObject("down");
        assertEquals("get _User 5xx rest 1", down.getJsonArray("operations").stream().map(o -> (JsonObject) o)
                .map(c -> c.getString("operation") + " " + c.getString("class") + " " + c.getString("status") + " "
                        + c.getString("sdk") + " " + c.getLong("count")).filter(c -> c.contains("_User")).findFirst().orElseThrow());
    }

    @Test
    void passesLiveQueryWebSocketsThroughByPath() throws Exception {
        assertEquals("B:hello", websocketRoundTrip("/parse/livequery/beta", "hello"));
    }

    @Test
    void passesLiveQueryWebSocketsThroughByTheirConnectFrame() throws Exception {
        String connect = "{\"op\":\"connect\",\"applicationId\":\"alpha\",\"javascriptKey\":\"js\"}";
        assertEquals("A:" + connect, websocketRoundTrip("/parse/livequery", connect));
        String refused = websocketRoundTrip("/parse/livequery", "{\"op\":\"connect\",\"applicationId\":\"nobody\"}");
        assertEquals("error", new JsonObject(refused).getString("op"));
        assertFalse(new JsonObject(refused).getBoolean("reconnect"));
    }

    @Test
    void answersItsOwnHealth() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).build());
        assertEquals(200, health.statusCode());
        assertEquals("ok", new JsonObject(health.body()).getString("status"));
        assertNull(health.headers().firstValue("X-Upstream").orElse(null));
    }

    private static String websocketRoundTrip(String path, String message) throws Exception {
        Vertx client = Vertx.vertx();
        try {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket socket = client.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(router.port()).setURI(path)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(reply::complete);
            socket.writeTextMessage(message);
            return reply.get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private static URI uri(String path) {
        return URI.create(router.url() + path);
    }

    private static HttpResponse<String> get(String path, String applicationId) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("X-Parse-Application-Id", applicationId).build());
    }

    private static void assertDigestedBy(String upstream, byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/parse/digest")).header("Content-Type", "text/plain")
                .POST(publisher).build());
        assertEquals(200, answer.statusCode(), body.length + " bytes: " + answer.body());
        JsonObject digest = new JsonObject(answer.body());
        assertEquals(upstream, digest.getString("upstream"));
        assertEquals(body.length, digest.getLong("bytes"));
        assertEquals(SdkBodies.sha256(body), digest.getString("sha256"), "the body reached the runtime unchanged");
    }

    private static HttpRequest post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject echo(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body());
    }

    private static String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
