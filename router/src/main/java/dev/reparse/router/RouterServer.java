package dev.reparse.router;

import dev.reparse.router.metering.RateLimits;
import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.proxy.ProxyHandler;
import dev.reparse.router.routes.ControlPlaneRoutes;
import dev.reparse.router.routes.LiveRoutes;
import dev.reparse.router.routes.RouteSource;
import dev.reparse.router.routes.RoutesFile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One router replica's parts, wired without CDI so tests can run the same thing on a plain Vert.x instance: the live
 * route table and its sources, per-app limits and meters, the upstream client and the HTTP routes.
 */
public final class RouterServer {
    private final Vertx vertx;
    private final RouterConfig config;
    private final LiveRoutes routes = new LiveRoutes();
    private final UsageMeters usage = new UsageMeters();
    private final RateLimits limits;
    private final List<RouteSource> sources = new ArrayList<>();
    private HttpClient upstreams;

    public RouterServer(Vertx vertx, RouterConfig config, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.config = config;
        this.limits = new RateLimits(nanoTime);
        routes.onChange(limits::retain);
        routes.onChange(usage::retain);
    }

    /** Adds the proxy under the mount and the router's own endpoints. */
    public void install(Router router) {
        upstreams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.upstreamConnectTimeout().toMillis())
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(16 << 20),
                new PoolOptions().setHttp1MaxSize(config.upstreamPoolSize()));
        new InternalEndpoints(usage, routes, config.internalToken()).install(router);
        String mount = config.mount().endsWith("/") ? config.mount() : config.mount() + "/";
        ProxyHandler proxy = new ProxyHandler(config, routes, limits, usage, upstreams);
        router.route(mount.substring(0, mount.length() - 1)).handler(proxy);
        router.route(mount + "*").handler(proxy);
    }

    /** Starts the configured route sources: the routes file, the control plane, or both (the last answer wins). */
    public void start() {
        long interval = config.pollInterval().toMillis();
        config.routesFile().ifPresent(path -> sources.add(new RoutesFile(vertx, routes, path, interval)));
        config.controlUrl().ifPresent(url -> sources.add(new ControlPlaneRoutes(vertx, routes, url, config.internalToken(),
                config.pollInterval(), config.pollTimeout())));
        sources.forEach(RouteSource::start);
    }

    public void stop() {
        sources.forEach(RouteSource::stop);
        if (upstreams != null) {
            upstreams.close();
        }
    }

    public LiveRoutes routes() {
        return routes;
    }
}
