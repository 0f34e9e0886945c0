package dev.reparse.router.proxy;

import dev.reparse.router.RouterConfig;
import dev.reparse.router.metering.RateLimits;
import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.routes.LiveRoutes;
import dev.reparse.router.routes.Route;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/**
 * The hot path, on the event loop: find the app, check it can answer and is under its limit, count it, and stream
 * the exchange to its runtime. Nothing here blocks; the only body bytes held are the bounded prefix read to find a
 * JS SDK request's {@code _ApplicationId}.
 */
public final class ProxyHandler implements Handler<HttpServerRequest> {
    private static final String NOT_READY = "The app is starting; try again shortly.";

    private final LiveRoutes routes;
    private final RateLimits limits;
    private final UsageMeters usage;
    private final AppLookup lookup;
    private final int bodyPeekBytes;
    private final HttpForwarder http;
    private final WebSocketForwarder websockets;

    public ProxyHandler(RouterConfig config, LiveRoutes routes, RateLimits limits, UsageMeters usage, HttpClient client) {
        this.routes = routes;
        this.limits = limits;
        this.usage = usage;
        this.lookup = new AppLookup(config.mount(), config.domain());
        this.bodyPeekBytes = config.bodyMemoryBytes();
        this.http = new HttpForwarder(client);
        this.websockets = new WebSocketForwarder(client, usage);
    }

    @Override
    public void handle(HttpServerRequest request) {
        // nothing of the body may be consumed before it is known where it goes
        request.pause();
        Optional<String> named = lookup.fromHeader(request);
        if (named.isEmpty() && lookup.bodyMayName(request)) {
            BodyPrefix.read(request, bodyPeekBytes).onComplete(read -> {
                if (read.succeeded()) {
                    dispatch(request, read.result().applicationId(), read.result());
                } else {
                    request.connection().close();
                }
            });
        } else {
            dispatch(request, named, BodyPrefix.NONE);
        }
    }

    private void dispatch(HttpServerRequest request, Optional<String> named, BodyPrefix prefix) {
        Optional<Route> found = lookup.resolve(routes.current(), request, named);
        if (found.isEmpty()) {
            answerUnrouted(request, named);
            return;
        }
        Route route = found.get();
        Optional<String> refusal = admit(request, route);
        if (refusal.isPresent()) {
            return;
        }
        String applicationId = route.applicationId();
        usage.forwarded(applicationId);
        if (WebSocketForwarder.isUpgrade(request)) {
            websockets.forward(request, route);
        } else {
            HttpServerResponse response = request.response();
            http.forward(request, route, prefix,
                    () -> usage.transferred(applicationId, request.bytesRead(), response.bytesWritten()));
        }
    }

    private void answerUnrouted(HttpServerRequest request, Optional<String> named) {
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            ProxyAnswers.preflight(request);
        } else if (WebSocketForwarder.isUpgrade(request) && named.isEmpty()
                && lookup.fromPath(request.path()).isEmpty()) {
            websockets.forwardByFirstFrame(request, this::admitFirstFrame);
        } else {
            ProxyAnswers.unauthorized(request);
        }
    }

    /** Answers the request itself when the app cannot take it now; empty when it may be forwarded. */
    private Optional<String> admit(HttpServerRequest request, Route route) {
        if (!route.serving()) {
            ProxyAnswers.unavailable(request, NOT_READY);
            return Optional.of(NOT_READY);
        }
        if (!limits.tryAcquire(route)) {
            usage.rejected(route.applicationId());
            ProxyAnswers.overLimit(request);
            return Optional.of(ProxyAnswers.LIMIT_MESSAGE);
        }
        return Optional.empty();
    }

    private WebSocketForwarder.AdmittedOrRefused admitFirstFrame(Optional<String> applicationId) {
        Optional<Route> route = applicationId.flatMap(routes.current()::byApplicationId);
        String refusal = route.isEmpty() ? "unauthorized"
                : !route.get().serving() ? NOT_READY
                : !limits.tryAcquire(route.get()) ? ProxyAnswers.LIMIT_MESSAGE
                : null;
        if (refusal != null) {
            route.filter(r -> ProxyAnswers.LIMIT_MESSAGE.equals(refusal)).ifPresent(r -> usage.rejected(r.applicationId()));
            return new WebSocketForwarder.AdmittedOrRefused(Optional.empty(), refusal);
        }
        usage.forwarded(route.get().applicationId());
        return new WebSocketForwarder.AdmittedOrRefused(route, null);
    }
}
