package dev.reparse.router;

import dev.reparse.router.metering.RateLimits;
import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.proxy.ProxyHandler;
import dev.reparse.router.proxy.SpillBudget;
import dev.reparse.router.routes.ControlPlaneRoutes;
import dev.reparse.router.routes.LiveRoutes;
import dev.reparse.router.routes.RouteSource;
import dev.reparse.router.routes.RoutesFile;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One router replica's parts, wired without CDI so tests can run the same thing on a plain Vert.x instance: the live
 * route table and its sources, per-app limits and meters, and one HTTP server with its own upstream client per event
 * loop ({@link EventLoopServer}).
 */
public final class RouterServer {
    private final Vertx vertx;
    private final RouterConfig config;
    private final LiveRoutes routes = new LiveRoutes();
    private final UsageMeters usage = new UsageMeters();
    private final RateLimits limits;
    private final SpillBudget spillBudget;
    private final List<RouteSource> sources = new ArrayList<>();
    private final List<String> deployments = new ArrayList<>();

    public RouterServer(Vertx vertx, RouterConfig config, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.config = config;
        this.limits = new RateLimits(nanoTime);
        this.spillBudget = new SpillBudget(config.spillBudget().asLongValue());
        routes.onChange(limits::retain);
        routes.onChange(usage::retain);
    }

    /**
     * Listens on {@code host:port} with one server per event loop ({@code reparse.router.event-loops}); the answer is
     * the port listened on, the chosen one when {@code port} is 0.
     */
    public Future<Integer> listen(String host, int port) {
        int eventLoops = config.eventLoops().orElse(Runtime.getRuntime().availableProcessors());
        if (eventLoops < 1) {
            return Future.failedFuture(new IllegalArgumentException("reparse.router.event-loops must be at least 1"));
        }
        InternalEndpoints internal = new InternalEndpoints(usage, routes, config.internalToken());
        int poolSize = Math.max(1, (config.upstreamPoolSize() + eventLoops - 1) / eventLoops);
        ProxyHandler.Shared shared = new ProxyHandler.Shared(config, routes, limits, usage, spillBudget);
        EventLoopServer.Parts parts = new EventLoopServer.Parts(shared, internal, host, poolSize);
        int chosen;
        try {
            chosen = port == 0 ? freePort(host) : port;
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        // every event loop's server listens on the same port: Vert.x binds it once and spreads connections over them
        return vertx.deployVerticle(() -> new EventLoopServer(parts, chosen), new DeploymentOptions().setInstances(eventLoops))
                .map(id -> {
                    deployments.add(id);
                    return chosen;
                });
    }

    // port 0 (tests): Vert.x would give each server its own random port, so one is picked for all of them first
    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    /** Starts the configured route sources: the routes file, the control plane, or both (the last answer wins). */
    public void start() {
        long interval = config.pollInterval().toMillis();
        config.routesFile().ifPresent(path -> sources.add(new RoutesFile(vertx, routes, path, interval)));
        config.controlUrl().ifPresent(url -> sources.add(new ControlPlaneRoutes(vertx, routes, url, config.internalToken(),
                config.pollInterval(), config.pollTimeout())));
        sources.forEach(RouteSource::start);
    }

    /** Stops polling and closes the servers (and with them their upstream clients). */
    public Future<Void> stop() {
        sources.forEach(RouteSource::stop);
        List<Future<Void>> undeployed = deployments.stream().map(vertx::undeploy).toList();
        deployments.clear();
        return Future.join(undeployed).mapEmpty();
    }

    public LiveRoutes routes() {
        return routes;
    }
}
