package dev.reparse.router.routes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table's wire format, shared by the control plane's {@code /internal/v1/routes} and the routes file:
 * {@code {"version": 7, "routes": [{"applicationId", "upstream", "subdomain", "requestsPerSecond", "ready"}]}}.
 */
final class RouteTableJson {
    private RouteTableJson() {
    }

    /** Parses a whole table; anything malformed rejects the whole table, so a half-read table never replaces a good one. */
    static RouteTable parse(Buffer json) {
        JsonObject root;
        try {
            root = json.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("the route table is not a JSON object: " + e.getMessage(), e);
        }
        if (!(root.getValue("version") instanceof Number version)) {
            throw new IllegalArgumentException("the route table needs a numeric version");
        }
        if (!(root.getValue("routes") instanceof JsonArray routes)) {
            throw new IllegalArgumentException("the route table needs a routes array");
        }
        List<Route> parsed = new ArrayList<>(routes.size());
        for (Object entry : routes) {
            if (!(entry instanceof JsonObject route)) {
                throw new IllegalArgumentException("every route must be an object, not " + entry);
            }
            parsed.add(route(route));
        }
        return RouteTable.of(version.longValue(), parsed);
    }

    private static Route route(JsonObject route) {
        try {
            Number rps = route.getNumber("requestsPerSecond", 0);
            return Route.of(route.getString("applicationId"), route.getString("upstream"), route.getString("subdomain"),
                    rps.intValue(), route.getBoolean("ready", Boolean.FALSE));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a route field has the wrong type: " + route.encode(), e);
        }
    }
}
