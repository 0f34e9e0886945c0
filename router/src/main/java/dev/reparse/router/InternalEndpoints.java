package dev.reparse.router;

import dev.reparse.router.metering.LatencyBuckets;
import dev.reparse.router.metering.RequestCounts;
import dev.reparse.router.metering.UsageMeters;
import dev.reparse.router.metering.UsageSnapshot;
import dev.reparse.router.routes.ControlPlaneRoutes;
import dev.reparse.router.routes.LiveRoutes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The router's own endpoints: {@code GET /health}, {@code /internal/v1/usage} (for billing) and {@code /metrics}; any
 * other path outside the mount is 404, another method on them 405.
 */
final class InternalEndpoints {
    private final UsageMeters usage;
    private final LiveRoutes routes;
    private final Optional<byte[]> token;

    InternalEndpoints(UsageMeters usage, LiveRoutes routes, Optional<String> token) {
        this.usage = usage;
        this.routes = routes;
        this.token = token.filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void handle(HttpServerRequest request) {
        String path = request.path() == null ? "" : request.path();
        switch (path) {
            case "/health", "/internal/v1/usage", "/metrics" -> {
                if (request.method() != HttpMethod.GET) {
                    json(request, 405, new JsonObject().put("error", "method not allowed"));
                } else if (path.equals("/health")) {
                    health(request);
                } else if (path.equals("/metrics")) {
                    metrics(request);
                } else {
                    usage(request);
                }
            }
            default -> json(request, 404, new JsonObject().put("error", "not found"));
        }
    }

    private void health(HttpServerRequest request) {
        json(request, 200, new JsonObject().put("status", "ok").put("routesVersion", routes.current().version())
                .put("apps", routes.current().routes().size()));
    }

    private void usage(HttpServerRequest request) {
        if (!authorized(request)) {
            json(request, 403, new JsonObject().put("error", "unauthorized"));
            return;
        }
        JsonObject apps = new JsonObject();
        usage.snapshot().forEach((id, counters) -> apps.put(id, new JsonObject().put("requests", counters.requests())
                .put("bytesIn", counters.bytesIn()).put("bytesOut", counters.bytesOut()).put("rejected", counters.rejected())
                .put("operations", operations(counters.analytics())).put("latency", latency(counters.analytics()))));
        JsonArray bounds = new JsonArray();
        for (double bound : LatencyBuckets.upperMillis()) {
            bounds.add(bound);
        }
        json(request, 200, new JsonObject().put("latencyBucketsMs", bounds).put("apps", apps));
    }

    private static JsonArray operations(RequestCounts.Snapshot analytics) {
        JsonArray counts = new JsonArray();
        for (RequestCounts.Count count : analytics.counts()) {
            counts.add(new JsonObject().put("operation", count.operation().wireName()).put("class", count.className())
                    .put("status", count.status()).put("sdk", count.sdk().wireName()).put("count", count.count()));
        }
        return counts;
    }

    private static JsonObject latency(RequestCounts.Snapshot analytics) {
        JsonObject histograms = new JsonObject();
        analytics.latency().forEach((operation, buckets) -> {
            JsonArray counts = new JsonArray();
            for (long n : buckets) {
                counts.add(n);
            }
            histograms.put(operation.wireName(), counts);
        });
        return histograms;
    }

    /** The same counters in Prometheus' text format; guarded like the usage endpoint, since app IDs are not public. */
    private void metrics(HttpServerRequest request) {
        if (!authorized(request)) {
            json(request, 403, new JsonObject().put("error", "unauthorized"));
            return;
        }
        Map<String, UsageSnapshot> snapshot = usage.snapshot();
        StringBuilder text = new StringBuilder();
        counter(text, "reparse_router_requests_total", "Requests forwarded to the app's runtime.", snapshot, "requests");
        counter(text, "reparse_router_request_bytes_total", "Request body bytes received.", snapshot, "bytesIn");
        counter(text, "reparse_router_response_bytes_total", "Response body bytes sent.", snapshot, "bytesOut");
        counter(text, "reparse_router_rejected_total", "Requests refused for the app's request limit.", snapshot, "rejected");
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(text.toString());
    }

    private static void counter(StringBuilder text, String name, String help, Map<String, UsageSnapshot> apps, String field) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(" counter\n");
        apps.forEach((id, counters) -> {
            long value = switch (field) {
                case "requests" -> counters.requests();
                case "bytesIn" -> counters.bytesIn();
                case "bytesOut" -> counters.bytesOut();
                default -> counters.rejected();
            };
            text.append(name).append("{app=\"").append(id.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ")
                    .append(value).append('\n');
        });
    }

    private boolean authorized(HttpServerRequest request) {
        String sent = request.getHeader(ControlPlaneRoutes.TOKEN_HEADER);
        return token.isPresent() && sent != null
                && MessageDigest.isEqual(token.get(), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(body.toBuffer());
    }
}
