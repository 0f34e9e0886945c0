package dev.reparse.runtime.requestlog;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The route handler that logs each request under the mount once its answer is sent (or its connection is gone, as
 * status 499). CORS preflights and health checks are left out: they are the platform's, not the app's.
 */
public final class RequestLogHandler implements Handler<RoutingContext> {
    private final String mount;
    private final RequestLogFile file;
    private final Clock clock;

    public RequestLogHandler(String mount, RequestLogFile file, Clock clock) {
        this.mount = mount;
        this.file = file;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (ctx.request().method() == HttpMethod.OPTIONS || path.equals(mount + "/health")) {
            ctx.next();
            return;
        }
        long started = System.nanoTime();
        String httpMethod = ctx.request().method().name();
        ctx.addEndHandler(ended -> {
            int status = ctx.response().ended() ? ctx.response().getStatusCode() : 499;
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            RequestNotes.Note note = RequestNotes.take(ctx.response());
            String method = note.method() != null ? note.method() : httpMethod;
            file.append(RequestLine.of(clock.instant(), method, path, status, note.refusal(), ms));
        });
        ctx.next();
    }
}
