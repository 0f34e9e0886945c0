package dev.reparse.router.proxy;

import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.routes.Route;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Passes LiveQuery WebSockets through, frame by frame (text stays text). An app named by header, path or host is
 * connected before the upgrade; otherwise the upgrade is accepted and the app is read from the
 * {@code applicationId} of the client's first frame, LiveQuery's {@code connect} message.
 */
final class WebSocketForwarder {
    private final HttpClient client;
    private final UsageMeters usage;
    private final Vertx vertx;
    private final long firstFrameMillis;

    /** {@code firstFrameMillis}: how long an upgraded connection may take to send its {@code connect} frame. */
    WebSocketForwarder(HttpClient client, UsageMeters usage, Vertx vertx, long firstFrameMillis) {
        this.client = client;
        this.usage = usage;
        this.vertx = vertx;
        this.firstFrameMillis = firstFrameMillis;
    }

    static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).equals("websocket");
    }

    /** Connects the app's runtime first, so a runtime that is down answers 503 before the upgrade. */
    void forward(Exchange exchange, Route route) {
        HttpServerRequest request = exchange.request;
        connect(request, route).onComplete(upstream -> {
            if (upstream.failed()) {
                ProxyAnswers.unavailable(exchange, HttpForwarder.UNREACHABLE);
                return;
            }
            request.toWebSocket().onSuccess(client -> {
                exchange.handOff();
                splice(route, client, upstream.result());
            }).onFailure(e -> upstream.result().close());
        });
    }

    /**
     * Accepts the upgrade, waits for the first frame and lets {@code admit} pick the route from its
     * {@code applicationId}; {@code admit} answers with an error message when the app may not connect.
     */
    void forwardByFirstFrame(Exchange exchange, Function<Optional<String>, AdmittedOrRefused> admit) {
        exchange.request.toWebSocket().onSuccess(client -> {
            exchange.handOff();
            long timer = vertx.setTimer(firstFrameMillis, id -> client.close());
            client.closeHandler(v -> vertx.cancelTimer(timer));
            client.frameHandler(first -> {
                vertx.cancelTimer(timer);
                client.closeHandler(null);
                admitFirstFrame(exchange.request, client, first, admit);
            });
        });
    }

    private void admitFirstFrame(HttpServerRequest request, ServerWebSocket client, WebSocketFrame first,
            Function<Optional<String>, AdmittedOrRefused> admit) {
        client.pause();
        client.frameHandler(null);
        AdmittedOrRefused decision = admit.apply(applicationId(first));
        if (decision.route().isEmpty()) {
            refuse(client, decision.refusal(), decision.reconnect());
            return;
        }
        Route route = decision.route().get();
        connect(request, route).onSuccess(upstream -> {
            usage.transferred(route.applicationId(), first.binaryData().length(), 0);
            upstream.writeFrame(first);
            splice(route, client, upstream);
        }).onFailure(e -> refuse(client, HttpForwarder.UNREACHABLE, true));
    }

    /**
     * The route to connect to, or why not and whether the client should come back (LiveQuery's {@code reconnect}).
     */
    record AdmittedOrRefused(Optional<Route> route, String refusal, boolean reconnect) {
        static AdmittedOrRefused refuse(String refusal) {
            return new AdmittedOrRefused(Optional.empty(), refusal, false);
        }

        static AdmittedOrRefused retry(String refusal) {
            return new AdmittedOrRefused(Optional.empty(), refusal, true);
        }
    }

    private Future<WebSocket> connect(HttpServerRequest request, Route route) {
        URI upstream = route.upstream().orElseThrow();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ForwardHeaders.copyRequest(request, headers);
        headers.names().stream().filter(name -> name.toLowerCase(Locale.ROOT).startsWith("sec-websocket-")).toList()
                .forEach(headers::remove);
        headers.remove("Host");
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(upstream.getHost())
                .setPort(upstream.getPort() < 0 ? 80 : upstream.getPort()).setURI(request.uri());
        options.setHeaders(headers);
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            options.setSubProtocols(Arrays.stream(protocols.split(",")).map(String::trim).toList());
        }
        return client.webSocket(options);
    }

    private static Optional<String> applicationId(WebSocketFrame frame) {
        if (!frame.isText()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new JsonObject(frame.textData()).getValue("applicationId"))
                    .filter(String.class::isInstance).map(String.class::cast);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** LiveQuery's own error message, then a close: the client SDK reports it, and reconnects only when told to. */
    private static void refuse(ServerWebSocket client, String message, boolean reconnect) {
        JsonObject error = new JsonObject().put("op", "error").put("code", 1).put("error", message).put("reconnect", reconnect);
        client.writeTextMessage(error.encode()).onComplete(v -> client.close());
    }

    private void splice(Route route, WebSocketBase client, WebSocketBase upstream) {
        relay(client, upstream, route.applicationId(), true);
        relay(upstream, client, route.applicationId(), false);
        client.resume();
        upstream.resume();
    }

    // frame by frame rather than pipeTo: a pipe of Buffers would turn LiveQuery's text frames into binary ones
    private void relay(WebSocketBase from, WebSocketBase to, String applicationId, boolean inbound) {
        from.frameHandler(frame -> {
            if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
                long size = frame.binaryData().length();
                usage.transferred(applicationId, inbound ? size : 0, inbound ? 0 : size);
                to.writeFrame(frame);
                if (to.writeQueueFull()) {
                    from.pause();
                    to.drainHandler(v -> from.resume());
                }
            }
        });
        from.closeHandler(v -> {
            if (!to.isClosed()) {
                to.close(sendableStatus(from.closeStatusCode()), from.closeReason());
            }
        });
        from.exceptionHandler(e -> to.close());
    }

    // 1005, 1006 and 1015 describe what happened to a connection and may not be sent in a close frame (RFC 6455 §7.4.1)
    private static short sendableStatus(Short status) {
        if (status == null || status == 1005 || status == 1006 || status == 1015) {
            return 1000;
        }
        return status;
    }
}
