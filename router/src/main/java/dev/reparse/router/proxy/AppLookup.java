package dev.reparse.router.proxy;

import dev.reparse.router.routes.Route;
import dev.reparse.router.routes.RouteTable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a request's app, in ARCHITECTURE.md's order: the {@code X-Parse-Application-Id} header; the
 * {@code _ApplicationId} of a JSON or text body; the {@code /files/<appId>/} or {@code /apps/<appId>/} (the pages behind
 * mailed links) path; the {@code /livequery/<appId>}
 * path; the host's subdomain. The first source that names an app decides, even when that app is unknown.
 */
final class AppLookup {
    static final String APPLICATION_ID_HEADER = "X-Parse-Application-Id";

    private final String mount;
    private final Optional<String> domainSuffix;

    AppLookup(String mount, Optional<String> domain) {
        this.mount = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
        this.domainSuffix = domain.filter(d -> !d.isBlank()).map(d -> "." + d.toLowerCase(Locale.ROOT));
    }

    Optional<String> fromHeader(HttpServerRequest request) {
        return Optional.ofNullable(request.getHeader(APPLICATION_ID_HEADER)).filter(id -> !id.isBlank());
    }

    /** Whether the body may hold {@code _ApplicationId}: the JS SDK sends it in {@code text/plain} POSTs. */
    boolean bodyMayName(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT) {
            return false;
        }
        if ("0".equals(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return true;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/plain") || lower.startsWith("application/json");
    }

    /** The route for an app named by the header or body, else by the path, else by the host. */
    Optional<Route> resolve(RouteTable table, HttpServerRequest request, Optional<String> named) {
        Optional<String> applicationId = named.or(() -> fromPath(request.path()));
        if (applicationId.isPresent()) {
            return table.byApplicationId(applicationId.get());
        }
        return subdomain(request).flatMap(table::bySubdomain);
    }

    Optional<String> fromPath(String path) {
        if (path == null || !path.startsWith(mount + "/")) {
            return Optional.empty();
        }
        String[] segments = path.substring(mount.length() + 1).split("/", -1);
        if (segments.length >= 3 && segments[0].equals("files")) {
            return Optional.of(segments[1]).filter(s -> !s.isEmpty());
        }
        // the pages behind mailed links: <mount>/apps/<appId>/request_password_reset, verify_email, choose_password
        if (segments.length >= 3 && segments[0].equals("apps")) {
            return Optional.of(segments[1]).filter(s -> !s.isEmpty());
        }
        if (segments.length >= 2 && segments[0].equals("livequery")) {
            return Optional.of(segments[1]).filter(s -> !s.isEmpty());
        }
        return Optional.empty();
    }

    private Optional<String> subdomain(HttpServerRequest request) {
        if (domainSuffix.isEmpty() || request.authority() == null) {
            return Optional.empty();
        }
        String host = request.authority().host().toLowerCase(Locale.ROOT);
        String suffix = domainSuffix.get();
        if (!host.endsWith(suffix) || host.length() == suffix.length()) {
            return Optional.empty();
        }
        String label = host.substring(0, host.length() - suffix.length());
        return label.contains(".") ? Optional.empty() : Optional.of(label);
    }
}
