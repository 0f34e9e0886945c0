package dev.reparse.router.routes;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one app's requests go and how many per second it may send.
 *
 * @param applicationId the app's ID, as clients send it
 * @param upstream the base URL of one of the app's runtimes; empty while it has none
 * @param subdomain the app's host-name label under the router's domain, if it has one
 * @param requestsPerSecond the plan's request limit; zero or less means no limit
 * @param ready whether the runtime accepts requests yet
 */
public record Route(String applicationId, Optional<URI> upstream, Optional<String> subdomain, int requestsPerSecond,
        boolean ready) {
    public Route {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(subdomain, "subdomain");
    }

    /** A validated route; the upstream must be an absolute {@code http} URL with a host. */
    public static Route of(String applicationId, String upstream, String subdomain, int requestsPerSecond, boolean ready) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("a route needs an applicationId");
        }
        return new Route(applicationId, Optional.ofNullable(upstream).map(url -> upstreamUri(applicationId, url)),
                Optional.ofNullable(subdomain).filter(s -> !s.isBlank()), requestsPerSecond, ready);
    }

    /** Whether requests can be forwarded now. */
    public boolean serving() {
        return ready && upstream.isPresent();
    }

    private static URI upstreamUri(String applicationId, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app " + applicationId + ": upstream is not a URL: " + url, e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("app " + applicationId + ": upstream must be http://host:port, not " + url);
        }
        return uri;
    }
}
