package dev.reparse.router;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Runs {@link RouterServer} inside Quarkus, on Quarkus' Vert.x and HTTP server. */
@ApplicationScoped
final class QuarkusRouter {
    private static final Logger LOG = Logger.getLogger(QuarkusRouter.class);

    private final RouterServer server;
    private final RouterConfig config;

    QuarkusRouter(Vertx vertx, RouterConfig config) {
        this.server = new RouterServer(vertx, config, System::nanoTime);
        this.config = config;
    }

    void install(@Observes Router router) {
        server.install(router);
    }

    void start(@Observes StartupEvent event) {
        if (config.routesFile().isEmpty() && config.controlUrl().isEmpty()) {
            LOG.warn("neither reparse.router.control-url nor reparse.router.routes-file is set: every app is unknown");
        }
        server.start();
    }

    void stop(@Observes ShutdownEvent event) {
        server.stop();
    }
}
