package dev.reparse.runtime.http;

import dev.reparse.runtime.RuntimeConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets WebSocket frames up to twice the app's LiveQuery frame limit through Vert.x, so that {@link LiveQueryRoutes}
 * (not Vert.x, which would drop the connection without a close code) refuses a frame over the limit, with 1009.
 */
@ApplicationScoped
final class LiveQueryFrameLimits implements HttpServerOptionsCustomizer {
    private static final int VERTX_DEFAULT_FRAME = 65_536;

    private final RuntimeConfig config;

    LiveQueryFrameLimits(RuntimeConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        int frame = Math.max(VERTX_DEFAULT_FRAME, 2 * config.liveQuery().maxFrameBytes());
        options.setMaxWebSocketFrameSize(frame);
        options.setMaxWebSocketMessageSize(Math.max(options.getMaxWebSocketMessageSize(), 2 * frame));
    }
}
