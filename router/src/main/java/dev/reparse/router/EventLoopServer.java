package dev.reparse.router;

import dev.reparse.router.proxy.ProxyHandler;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The router's HTTP server on one event loop, with its own upstream client: a client connection and the pooled runtime
 * connections it is forwarded over then live on the same thread, so an exchange never hops between event loops. Requests
 * go straight to the proxy or the router's own endpoints by a path check, without a routing framework in between.
 */
final class EventLoopServer extends AbstractVerticle {
    /** Quarkus' default limit, kept from when the router ran on its HTTP server; the runtimes accept the same. */
    private static final int MAX_HEADER_BYTES = 20 * 1024;
    private static final int MAX_INITIAL_LINE_BYTES = 64 * 1024;

    /** What every event loop's server shares. */
    record Parts(ProxyHandler.Shared shared, InternalEndpoints internal, String host, int upstreamPoolSize) {
    }

    private final Parts parts;
    private final int port;
    private final String mount;
    private final String mountPrefix;
    private ProxyHandler proxy;
    private Handler<HttpServerRequest> internal;

    EventLoopServer(Parts parts, int port) {
        this.parts = parts;
        this.port = port;
        String configured = parts.shared().config().mount();
        this.mount = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.mountPrefix = mount + "/";
    }

    @Override
    public void start(Promise<Void> started) {
        RouterConfig config = parts.shared().config();
        HttpClient upstreams = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.upstreamConnectTimeout().toMillis())
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(16 << 20))
                .with(new PoolOptions().setHttp1MaxSize(parts.upstreamPoolSize()))
                .withConnectHandler(EventLoopServer::keepReadingAfterWriteFailure).build();
        proxy = new ProxyHandler(parts.shared(), vertx, upstreams);
        internal = parts.internal()::handle;
        // Expect: 100-continue is answered by the proxy when it starts reading a body, never before it knows the app.
        // HTTP/1.1 only: Vert.x's cleartext HTTP/2 detection keeps a connection from the handlers until its first
        // request head is complete, so a head trickled forever could not be timed out. Every Parse SDK speaks
        // HTTP/1.1, and TLS (where HTTP/2 would be negotiated) ends at the load balancer in front of the router.
        vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES).setHandle100ContinueAutomatically(false)
                .setHttp2ClearTextEnabled(false))
                .connectionHandler(proxy::connected)
                .requestHandler(this::handle).listen(port, parts.host()).<Void>mapEmpty().onComplete(started);
    }

    /**
     * A runtime that refuses an upload early answers, then closes its end while the router is still sending the body;
     * its kernel then resets the connection. By default Netty closes a channel as soon as a write fails, before it has
     * read what arrived ahead of the reset, and the runtime's answer would be lost (the client would get 503). With
     * auto-close off, a failed write only shuts the output down: the answer is still read, and the connection closes
     * when the read side ends. Netty's channel is reached through Vert.x's connection class, which is internal API.
     */
    private static void keepReadingAfterWriteFailure(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().config().setAutoClose(false);
        }
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path != null && (path.startsWith(mountPrefix) || path.equals(mount))) {
            proxy.handle(request);
        } else {
            proxy.handleOwn(request, internal);
        }
    }
}
