package dev.reparse.runtime.http;

import dev.reparse.runtime.RuntimeLifecycle;
import dev.reparse.runtime.livequery.CloseCodes;
import dev.reparse.runtime.livequery.LiveConnection;
import dev.reparse.runtime.livequery.LiveQueryServer;
import dev.reparse.runtime.livequery.Outbound;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The LiveQuery WebSocket edge: an upgrade on the mount ({@code ws://host/parse}, the SDKs' default) or on {@code
 * /<mount>/livequery/<appId>} (the router's path) becomes a connection of the app's {@link LiveQueryServer}; frames
 * larger than the app allows and clients that read too slowly are closed with a close code saying so.
 */
@ApplicationScoped
final class LiveQueryRoutes {
    private static final Logger LOG = Logger.getLogger(LiveQueryRoutes.class);
    /** Before the REST routes, which would read an upgrade's (empty) body. */
    private static final int ORDER = -100;

    private final RuntimeLifecycle lifecycle;

    LiveQueryRoutes(RuntimeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void install(@Observes Router router) {
        String mount = lifecycle.mountPath();
        router.route(mount).order(ORDER).handler(this::upgrade);
        router.route(mount + "/livequery/*").order(ORDER).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            ctx.next();
            return;
        }
        LiveQueryServer server = lifecycle.liveQuery();
        if (server == null) {
            ctx.response().setStatusCode(503).end();
            return;
        }
        // as the REST routes build it, so file URLs in events match those in answers
        String baseUrl = request.scheme() + "://" + request.authority() + lifecycle.mountPath();
        request.toWebSocket().onSuccess(socket -> accept(server, socket, baseUrl)).onFailure(failure ->
                LOG.debugf("a LiveQuery upgrade failed: %s", failure.getMessage()));
    }

    private void accept(LiveQueryServer server, ServerWebSocket socket, String baseUrl) {
        Outbound outbound = new SocketOutbound(socket, server.limits().maxQueuedFrames());
        Optional<LiveConnection> opened = server.open(outbound, baseUrl);
        if (opened.isEmpty()) {
            socket.writeTextMessage("{\"op\":\"error\",\"error\":\"the app holds as many LiveQuery connections as it "
                    + "may\",\"code\":155,\"reconnect\":true,\"requestId\":null}");
            socket.close((short) CloseCodes.TOO_MANY_CONNECTIONS, "too many LiveQuery connections");
            return;
        }
        LiveConnection connection = opened.get();
        int maxFrameBytes = server.limits().maxFrameBytes();
        socket.textMessageHandler(text -> {
            if (text.length() > maxFrameBytes || text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
                outbound.send("{\"op\":\"error\",\"error\":\"frame larger than " + maxFrameBytes
                        + " bytes\",\"code\":1,\"reconnect\":false,\"requestId\":null}");
                socket.close((short) CloseCodes.FRAME_TOO_LARGE, "frame larger than " + maxFrameBytes + " bytes");
                return;
            }
            connection.receive(text);
        });
        socket.binaryMessageHandler(binary -> connection.receive(binary.toString(StandardCharsets.UTF_8)));
        socket.closeHandler(ignored -> connection.closed());
        socket.exceptionHandler(failure -> LOG.debugf("LiveQuery connection failed: %s", failure.getMessage()));
    }

    /** Frames to one socket, counted until written: when too many wait, the client is a slow consumer. */
    private static final class SocketOutbound implements Outbound {
        private final ServerWebSocket socket;
        private final int maxQueued;
        private final AtomicInteger queued = new AtomicInteger();

        SocketOutbound(ServerWebSocket socket, int maxQueued) {
            this.socket = socket;
            this.maxQueued = maxQueued;
        }

        @Override
        public boolean send(String frame) {
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                return false;
            }
            socket.writeTextMessage(frame).onComplete(written -> queued.decrementAndGet());
            return true;
        }

        @Override
        public void close(int code, String reason) {
            if (!socket.isClosed()) {
                socket.close((short) code, reason);
            }
        }
    }
}
