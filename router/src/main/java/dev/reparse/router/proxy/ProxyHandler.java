package dev.reparse.router.proxy;

import dev.reparse.router.RouterConfig;
import dev.reparse.router.metering.ClientSdk;
import dev.reparse.router.metering.Operation;
import dev.reparse.router.metering.RateLimits;
import dev.reparse.router.metering.RequestClassifier;
import dev.reparse.router.metering.RequestCounts;
import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.routes.LiveRoutes;
import dev.reparse.router.routes.Route;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The hot path of one event loop: find the app, check it can answer and is under its limit, count it, and stream
 * the exchange to its runtime. Nothing here blocks; the only body bytes held are those read to find a JS SDK
 * request's {@code _ApplicationId} (bounded in memory, spilled to disk past that). It also keeps the event loop's
 * time limits: one {@link ConnectionGuard} per client connection and one {@link Exchange} per request, swept together.
 */
public final class ProxyHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);
    private static final String NOT_READY = "The app is starting; try again shortly.";
    private static final String ROUTER_STARTING = "The router is starting; try again shortly.";
    private static final String CLIENT_VERSION_HEADER = "X-Parse-Client-Version";
    private static final String SPILL_REFUSED = "The router cannot take this request body now; try again shortly.";

    /** What every event loop's handler shares: configuration, the route table, limits, meters, the spill budget. */
    public record Shared(RouterConfig config, LiveRoutes routes, RateLimits limits, UsageMeters usage, SpillBudget budget) {
    }

    private final LiveRoutes routes;
    private final RateLimits limits;
    private final UsageMeters usage;
    private final AppLookup lookup;
    private final RequestClassifier classifier;
    private final BodyLookup bodies;
    private final HttpForwarder http;
    private final WebSocketForwarder websockets;
    private final Exchange.Timeouts timeouts;
    private final Deadlines deadlines = new Deadlines(System.nanoTime());
    private final Map<HttpConnection, ConnectionGuard> guards = new IdentityHashMap<>();
    private final Vertx vertx;
    private final long sweeper;

    /** Call on the event loop that will run it: the sweep's timer runs there. */
    public ProxyHandler(Shared shared, Vertx vertx, HttpClient client) {
        RouterConfig config = shared.config();
        this.routes = shared.routes();
        this.limits = shared.limits();
        this.usage = shared.usage();
        this.vertx = vertx;
        this.lookup = new AppLookup(config.mount(), config.domain());
        this.classifier = new RequestClassifier(config.mount());
        this.bodies = new BodyLookup(vertx, new BodyLookup.Limits(config.bodyMemoryBytes(),
                config.bodyScanLimit().asLongValue(), config.spillDir().orElse(System.getProperty("java.io.tmpdir")),
                shared.budget()));
        this.http = new HttpForwarder(client);
        this.timeouts = new Exchange.Timeouts(config.headerTimeout().toNanos(), config.keepAliveTimeout().toNanos(),
                config.bodyTimeout().toNanos(), config.upstreamTimeout().toNanos());
        this.websockets = new WebSocketForwarder(client, usage, vertx, config.headerTimeout().toMillis());
        this.sweeper = vertx.setPeriodic(sweepMillis(timeouts), id -> deadlines.sweep(System.nanoTime()));
    }

    /** A quarter of the shortest limit, between 10 ms and a second: how late a limit may be noticed. */
    private static long sweepMillis(Exchange.Timeouts timeouts) {
        long shortest = Math.min(Math.min(timeouts.headerNanos(), timeouts.keepAliveNanos()),
                Math.min(timeouts.bodyNanos(), timeouts.upstreamNanos()));
        return Math.max(10, Math.min(1000, shortest / 4_000_000));
    }

    /** A client connection opened: it must send a request head within the header timeout. */
    public void connected(HttpConnection connection) {
        guards.put(connection, new ConnectionGuard(connection, deadlines, timeouts.headerNanos(), timeouts.keepAliveNanos()));
        connection.closeHandler(v -> {
            ConnectionGuard guard = guards.remove(connection);
            if (guard != null) {
                guard.closed();
            }
        });
    }

    /** Runs one of the router's own endpoints, which answer at once, as an exchange of the connection. */
    public void handleOwn(HttpServerRequest request, Handler<HttpServerRequest> endpoint) {
        ConnectionGuard guard = guards.get(request.connection());
        if (guard != null) {
            guard.exchangeStarted();
        }
        endpoint.handle(request);
        if (guard != null) {
            guard.exchangeEnded();
        }
    }

    /** Stops the sweep; the server's connections close with it. */
    public void close() {
        vertx.cancelTimer(sweeper);
    }

    @Override
    public void handle(HttpServerRequest request) {
        // nothing of the body may be consumed before it is known where it goes
        request.pause();
        Exchange exchange = new Exchange(request, deadlines, guards.get(request.connection()), timeouts, usage);
        Optional<String> named = lookup.fromHeader(request);
        if (named.isEmpty() && lookup.bodyMayName(request)) {
            bodies.read(exchange).onComplete(read -> {
                if (read.succeeded()) {
                    dispatch(exchange, read.result().applicationId(), read.result());
                } else if (read.cause() instanceof BodyLookup.SpillRefused refused) {
                    LOG.warnf("answering 503 to a body that cannot spill: %s (%s)", refused.getMessage(),
                            String.valueOf(refused.getCause()));
                    ProxyAnswers.unavailable(exchange, SPILL_REFUSED);
                } else {
                    exchange.cutOff();
                }
            });
        } else {
            dispatch(exchange, named, ReadBody.NONE);
        }
    }

    private void dispatch(Exchange exchange, Optional<String> named, ReadBody read) {
        HttpServerRequest request = exchange.request;
        Optional<Route> found = lookup.resolve(routes.current(), request, named);
        if (found.isEmpty() || !admit(exchange, found.get())) {
            read.discard();
            if (found.isEmpty()) {
                answerUnrouted(exchange, named);
            }
            return;
        }
        Route route = found.get();
        RequestCounts counts = usage.forwarded(route.applicationId());
        boolean upgrade = WebSocketForwarder.isUpgrade(request);
        exchange.analyzedAs(counts, classifier.classify(request.method().name(), read.method(), request.path(), upgrade),
                clientSdk(request, read));
        if (upgrade) {
            websockets.forward(exchange, route);
        } else {
            http.forward(exchange, route, read);
        }
    }

    /**
     * The SDK from {@code X-Parse-Client-Version}, else the JS SDK's {@code _ClientVersion}; a body that named its app
     * without one (read past the in-memory part) still came from the JS SDK, the only one that names it there.
     */
    private static ClientSdk clientSdk(HttpServerRequest request, ReadBody read) {
        String version = request.getHeader(CLIENT_VERSION_HEADER);
        if (version != null) {
            return ClientSdk.of(version);
        }
        if (read.clientVersion() != null) {
            return ClientSdk.of(read.clientVersion());
        }
        return read.applicationId().isPresent() ? ClientSdk.JS : ClientSdk.REST;
    }

    private void answerUnrouted(Exchange exchange, Optional<String> named) {
        HttpServerRequest request = exchange.request;
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            ProxyAnswers.preflight(exchange);
        } else if (WebSocketForwarder.isUpgrade(request) && named.isEmpty() && lookup.fromPath(request.path()).isEmpty()) {
            websockets.forwardByFirstFrame(exchange, this::admitFirstFrame);
        } else if (!tableLoaded()) {
            // the app may well exist: a router that just started has not heard from the control plane yet
            ProxyAnswers.unavailable(exchange, ROUTER_STARTING);
        } else {
            ProxyAnswers.unauthorized(exchange);
        }
    }

    /** Whether a route table has arrived since start (version 0 is the empty table before any). */
    private boolean tableLoaded() {
        return routes.current().version() != 0;
    }

    /** Answers the request itself and says false when the app cannot take it now. */
    private boolean admit(Exchange exchange, Route route) {
        if (!route.serving()) {
            ProxyAnswers.unavailable(exchange, NOT_READY);
            return false;
        }
        if (!limits.tryAcquire(route)) {
            usage.rejected(route.applicationId());
            ProxyAnswers.overLimit(exchange);
            return false;
        }
        return true;
    }

    private WebSocketForwarder.AdmittedOrRefused admitFirstFrame(Optional<String> applicationId) {
        Optional<Route> route = applicationId.flatMap(routes.current()::byApplicationId);
        if (route.isEmpty() && !tableLoaded()) {
            return WebSocketForwarder.AdmittedOrRefused.retry(ROUTER_STARTING);
        }
        String refusal = route.isEmpty() ? "unauthorized"
                : !route.get().serving() ? NOT_READY
                : !limits.tryAcquire(route.get()) ? ProxyAnswers.LIMIT_MESSAGE
                : null;
        if (refusal != null) {
            route.filter(r -> ProxyAnswers.LIMIT_MESSAGE.equals(refusal)).ifPresent(r -> usage.rejected(r.applicationId()));
            return WebSocketForwarder.AdmittedOrRefused.refuse(refusal);
        }
        // routed by its first frame: no exchange to time, so counted without a latency
        usage.forwarded(route.get().applicationId()).count(Operation.LIVEQUERY, null,
                ClientSdk.JS, 101, -1);
        return new WebSocketForwarder.AdmittedOrRefused(route, null, false);
    }
}
