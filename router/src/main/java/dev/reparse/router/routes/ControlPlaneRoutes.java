package dev.reparse.router.routes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Polls the control plane's {@code GET /internal/v1/routes?since=<version>}: 200 brings a new table, 304 means
 * unchanged. The next poll starts a fixed pause after the previous one ends, so a long-polling control plane is
 * asked again as soon as the pause ends and a slow one is never asked twice at once. While the control plane is
 * unreachable or answers garbage, the last table stays in force.
 */
public final class ControlPlaneRoutes implements RouteSource {
    /** The header that carries the internal API's shared secret, both ways. */
    public static final String TOKEN_HEADER = "X-Reparse-Internal-Token";
    private static final Logger LOG = Logger.getLogger(ControlPlaneRoutes.class);

    private final Vertx vertx;
    private final LiveRoutes routes;
    private final String routesUrl;
    private final Optional<String> token;
    private final Duration interval;
    private final Duration timeout;
    private HttpClient client;
    private volatile boolean stopped;
    private volatile boolean failing;

    public ControlPlaneRoutes(Vertx vertx, LiveRoutes routes, String controlUrl, Optional<String> token, Duration interval,
            Duration timeout) {
        this.vertx = vertx;
        this.routes = routes;
        this.routesUrl = controlUrl.replaceAll("/+$", "") + "/internal/v1/routes";
        this.token = token;
        this.interval = interval;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setKeepAlive(true));
        poll();
    }

    @Override
    public void stop() {
        stopped = true;
        if (client != null) {
            client.close();
        }
    }

    private void poll() {
        if (stopped) {
            return;
        }
        long since = routes.current().version();
        fetch(since).onComplete(result -> {
            if (result.succeeded()) {
                result.result().ifPresent(this::apply);
                recovered();
            } else {
                failed(result.cause());
            }
            if (!stopped) {
                vertx.setTimer(Math.max(1, interval.toMillis()), id -> poll());
            }
        });
    }

    private Future<Optional<RouteTable>> fetch(long since) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(routesUrl + "?since=" + since)
                .setIdleTimeout(timeout.toMillis());
        token.ifPresent(value -> request.putHeader(TOKEN_HEADER, value));
        return client.request(request)
                .compose(req -> req.send())
                .compose(response -> response.body().map(body -> answer(response, body)));
    }

    private static Optional<RouteTable> answer(HttpClientResponse response, Buffer body) {
        return switch (response.statusCode()) {
            case 200 -> Optional.of(RouteTableJson.parse(body));
            case 304 -> Optional.empty();
            default -> throw new IllegalStateException("the control plane answered " + response.statusCode() + ": "
                    + body.toString().substring(0, Math.min(200, body.length())));
        };
    }

    private void apply(RouteTable table) {
        if (table.version() != routes.current().version()) {
            LOG.infof("route table version %d: %d apps", table.version(), table.routes().size());
        }
        routes.replace(table);
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("the control plane answers again");
        }
    }

    // logged once per outage, not once per second
    private void failed(Throwable cause) {
        if (!failing) {
            failing = true;
            LOG.warnf("cannot refresh the route table from %s (keeping version %d): %s", routesUrl,
                    routes.current().version(), cause.toString());
        }
    }
}
