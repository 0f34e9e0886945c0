package dev.reparse.runtime.http;

import dev.reparse.runtime.RuntimeConfig;
import dev.reparse.runtime.RuntimeLifecycle;
import dev.reparse.runtime.files.FilesService;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Puts {@code <mount>/files/*} ahead of the generic edge, whose body handler would buffer
 * uploads: here bodies stream. OPTIONS (CORS preflight) still goes to the generic edge.
 */
@ApplicationScoped
final class FilesRoutes {
    /** Before the generic {@code <mount>/*} route, which keeps the default order. */
    private static final int ORDER = -100;

    private final RuntimeLifecycle lifecycle;
    private final RuntimeConfig config;

    FilesRoutes(RuntimeLifecycle lifecycle, RuntimeConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    void install(@Observes Router router) {
        // the whole mount, matched on the raw path: Vert.x would route a normalised files/%2e%2e elsewhere
        router.route(lifecycle.mountPath() + "/*").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!FilesHttp.owns(ctx.request().path(), lifecycle.mountPath()) || !FilesHttp.serves(ctx.request().method())) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        HttpRoutes.addCorsHeaders(response, config.corsAllowOrigin());
        ParseApi api = lifecycle.api();
        FilesService files = lifecycle.files();
        if (api == null || files == null) {
            response.putHeader("Connection", "close");
            HttpRoutes.write(response, new ApiResponse(503, Map.of("code", 1, "error", "the server is starting"),
                    Map.of()));
            return;
        }
        new FilesHttp(config.appId(), lifecycle.mountPath(), api.authenticator(), files, lifecycle.executor())
                .withTriggers(api.triggers()).handle(ctx.request());
    }
}
