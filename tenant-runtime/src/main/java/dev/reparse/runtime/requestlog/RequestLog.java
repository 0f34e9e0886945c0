package dev.reparse.runtime.requestlog;

import dev.reparse.runtime.RuntimeConfig;
import dev.reparse.runtime.RuntimeLifecycle;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The app's request log: a line for every request under the mount, written to {@code reparse.request-log.file}.
 * First in the route order, so refusals by the files routes and by the generic edge alike are seen.
 */
@ApplicationScoped
final class RequestLog {
    /** Ahead of the files routes (-100) and the generic edge. */
    private static final int ORDER = -200;
    private final RuntimeLifecycle lifecycle;
    private final RequestLogFile file;

    RequestLog(RuntimeLifecycle lifecycle, RuntimeConfig runtime, RequestLogConfig config) {
        this.lifecycle = lifecycle;
        this.file = config.enabled()
                ? RequestLogFile.open(config.file().map(Path::of).orElse(Path.of(runtime.dataDir(), "requests.log")),
                        config.maxSize().asLongValue())
                : null;
    }

    void install(@Observes Router router) {
        if (file != null) {
            router.route(lifecycle.mountPath() + "/*").order(ORDER)
                    .handler(new RequestLogHandler(lifecycle.mountPath(), file, Clock.systemUTC()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (file != null) {
            file.close();
        }
    }
}
