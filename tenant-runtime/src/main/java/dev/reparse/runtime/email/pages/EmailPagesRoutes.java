package dev.reparse.runtime.email.pages;

import dev.reparse.runtime.RuntimeConfig;
import dev.reparse.runtime.RuntimeLifecycle;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Puts the email pages on the runtime's HTTP server. */
@ApplicationScoped
final class EmailPagesRoutes {
    private final RuntimeLifecycle lifecycle;
    private final RuntimeConfig config;

    EmailPagesRoutes(RuntimeLifecycle lifecycle, RuntimeConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    void install(@Observes Router router) {
        new EmailPages(config.appId(), lifecycle.mountPath(), lifecycle::emailFlows, lifecycle.executor())
                .install(router);
    }
}
