package dev.reparse.controlplane.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Answers the console's page URLs ({@code /}, {@code /login}, {@code /signup}, {@code /apps}, {@code /apps/<id>},
 * the last being each app's {@code dashboardURL}) with its single HTML page, whose script routes on the path. Its
 * scripts, styles and images are plain static resources under {@code META-INF/resources}.
 */
@ApplicationScoped
final class ConsolePages {
    static final String PAGE_PATHS = "^/(login|signup|apps(/[^/]+)?)?/?$";
    /**
     * Defence in depth behind the scripts' never building markup from strings: only the console's own files run,
     * and no other site may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String PAGE = "META-INF/resources/index.html";
    /** Ahead of the static-resource handler, which would answer {@code /} with index.html but without the headers. */
    private static final int ORDER = -50;

    private final Buffer page = Buffer.buffer(readPage());

    void install(@Observes Router router) {
        router.routeWithRegex(PAGE_PATHS).method(HttpMethod.GET).method(HttpMethod.HEAD).order(ORDER)
            .handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        ctx.response()
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Cache-Control", "no-cache")
            .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Referrer-Policy", "same-origin");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", String.valueOf(page.length())).end();
        } else {
            ctx.response().end(page);
        }
    }

    private static byte[] readPage() {
        try (InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the control plane's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
