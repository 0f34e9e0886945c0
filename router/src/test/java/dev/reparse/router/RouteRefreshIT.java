package dev.reparse.router;

import static dev.reparse.router.RouterHarness.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The route table polled from a fake control plane that speaks the {@code /internal/v1/routes} contract. */
class RouteRefreshIT {
    private final HttpClient http = HttpClient.newHttpClient();

    /** A control plane serving one table version; {@code down} makes it answer 500. */
    private static final class FakeControlPlane {
        volatile long version;
        volatile String routes = "";
        volatile boolean down;
        final List<String> polls = new CopyOnWriteArrayList<>();
        final List<String> tokens = new CopyOnWriteArrayList<>();
        HttpServer server;

        void start(Vertx vertx) throws Exception {
            server = vertx.createHttpServer().requestHandler(request -> {
                polls.add(request.uri());
                tokens.add(String.valueOf(request.getHeader("X-Reparse-Internal-Token")));
                if (down) {
                    request.response().setStatusCode(500).end("boom");
                } else if (request.path().equals("/internal/v1/routes")
                        && Long.parseLong(request.getParam("since")) == version) {
                    request.response().setStatusCode(304).end();
                } else {
                    request.response().putHeader("Content-Type", "application/json")
                            .end("{\"version\": " + version + ", \"routes\": [" + routes + "]}");
                }
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void followsTheControlPlanesTableAndKeepsTheLastOneWhileItIsDown() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeControlPlane control = new FakeControlPlane();
        control.start(vertx);
        TestUpstream first = TestUpstream.start(vertx, "A");
        TestUpstream second = TestUpstream.start(vertx, "B");
        try (RouterHarness router = RouterHarness.start(
                TestConfig.withControlPlane("http://127.0.0.1:" + control.server.actualPort() + "/"), System::nanoTime)) {
            control.routes = route("app", first.url(), "app", 0, true);
            control.version = 5;
            router.awaitVersion(5);
            assertEquals(200, get(router, "app").statusCode());
            assertEquals(403, get(router, "later").statusCode());

            control.routes = route("app", second.url(), "app", 0, true) + "," + route("later", first.url(), "later", 0, true);
            control.version = 6;
            router.awaitVersion(6);
            assertEquals("B", get(router, "app").headers().firstValue("X-Upstream").orElseThrow(), "the app moved");
            assertEquals(200, get(router, "later").statusCode());

            control.down = true;
            int pollsBefore = control.polls.size();
            awaitPolls(control, pollsBefore + 3);
            assertEquals(200, get(router, "later").statusCode(), "an unreachable control plane leaves the table in force");

            control.down = false;
            awaitPolls(control, control.polls.size() + 3);
            assertTrue(control.polls.stream().anyMatch(uri -> uri.equals("/internal/v1/routes?since=6")), control.polls.toString());
            assertTrue(control.tokens.stream().allMatch("secret"::equals), "every poll carries the internal token");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void answers503WithParseCode1UntilTheFirstRouteTableArrivesThen403ForUnknownApps() throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeControlPlane control = new FakeControlPlane();
        control.down = true;
        control.start(vertx);
        TestUpstream upstream = TestUpstream.start(vertx, "A");
        try (RouterHarness router = RouterHarness.start(
                TestConfig.withControlPlane("http://127.0.0.1:" + control.server.actualPort()), System::nanoTime)) {
            awaitPolls(control, 2);
            HttpResponse<String> starting = get(router, "app");
            assertEquals(503, starting.statusCode(), starting.body());
            assertEquals(1, new JsonObject(starting.body()).getInteger("code"));
            assertEquals("1", starting.headers().firstValue("Retry-After").orElseThrow());
            HttpResponse<String> byBody = http.send(HttpRequest.newBuilder(URI.create(router.url() + "/parse/classes/Thing"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"_ApplicationId\":\"app\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, byBody.statusCode(), byBody.body());
            JsonObject liveQuery = new JsonObject(firstReply(vertx, router, "{\"op\":\"connect\",\"applicationId\":\"app\"}"));
            assertEquals("error", liveQuery.getString("op"));
            assertEquals(1, liveQuery.getInteger("code"));
            assertTrue(liveQuery.getBoolean("reconnect"), "a LiveQuery client asked to come back: " + liveQuery);

            control.routes = route("app", upstream.url(), "app", 0, true);
            control.version = 1;
            control.down = false;
            router.awaitVersion(1);
            assertEquals(200, get(router, "app").statusCode());
            HttpResponse<String> unknown = get(router, "other");
            assertEquals(403, unknown.statusCode());
            assertEquals(new JsonObject().put("error", "unauthorized"), new JsonObject(unknown.body()));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String firstReply(Vertx vertx, RouterHarness router, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(router.port()).setURI("/parse/livequery")).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(reply::complete);
        socket.writeTextMessage(message);
        return reply.get(10, TimeUnit.SECONDS);
    }

    private static void awaitPolls(FakeControlPlane control, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (control.polls.size() < count) {
            assertTrue(System.nanoTime() < deadline, "the router stopped polling");
            Thread.sleep(20);
        }
    }

    private HttpResponse<String> get(RouterHarness router, String applicationId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(router.url() + "/parse/classes/Thing"))
                .header("X-Parse-Application-Id", applicationId).build(), HttpResponse.BodyHandlers.ofString());
    }
}
