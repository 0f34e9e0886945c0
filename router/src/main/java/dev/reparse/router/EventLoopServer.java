package dev.reparse.router;

import dev.reparse.router.metering.RateLimits;
import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.proxy.ProxyHandler;
import dev.reparse.router.routes.LiveRoutes;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;

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
    record Parts(RouterConfig config, LiveRoutes routes, RateLimits limits, UsageMeters usage, InternalEndpoints internal,
            String host, int upstreamPoolSize) {
    }

    private final Parts parts;
    private final int port;
    private final String mount;
    private final String mountPrefix;
    private ProxyHandler proxy;

    EventLoopServer(Parts parts, int port) {
        this.parts = parts;
        this.port = port;
        String configured = parts.config().mount();
        this.mount = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.mountPrefix = mount + "/";
    }

    @Override
    public void start(Promise<Void> started) {
        RouterConfig config = parts.config();
        HttpClient upstreams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.upstreamConnectTimeout().toMillis())
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(16 << 20),
                new PoolOptions().setHttp1MaxSize(parts.upstreamPoolSize()));
        proxy = new ProxyHandler(config, parts.routes(), parts.limits(), parts.usage(), upstreams);
        vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES))
                .requestHandler(this::handle).listen(port, parts.host()).<Void>mapEmpty().onComplete(started);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path != null && (path.startsWith(mountPrefix) || path.equals(mount))) {
            proxy.handle(request);
        } else {
            parts.internal().handle(request);
        }
    }
}
