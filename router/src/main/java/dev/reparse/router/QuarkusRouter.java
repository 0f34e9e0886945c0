package dev.reparse.router;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs {@link RouterServer} inside Quarkus, on Quarkus' Vert.x instance but with its own HTTP servers: Quarkus' HTTP
 * layer and vertx-web's routing only added CPU to every proxied request, and one shared upstream client made
 * exchanges hop between event loops.
 */
@ApplicationScoped
final class QuarkusRouter {
    private static final Logger LOG = Logger.getLogger(QuarkusRouter.class);

    private final RouterServer server;
    private final RouterConfig config;

    QuarkusRouter(Vertx vertx, RouterConfig config) {
        this.server = new RouterServer(vertx, config, System::nanoTime);
        this.config = config;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (config.routesFile().isEmpty() && config.controlUrl().isEmpty()) {
            LOG.warn("neither reparse.router.control-url nor reparse.router.routes-file is set: every app is unknown");
        }
        server.start();
        int port = server.listen(config.host(), config.port()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof("router listening on %s:%d", config.host(), port);
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
