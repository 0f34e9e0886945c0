package dev.reparse.router.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Which headers cross the proxy: all but the hop-by-hop ones (RFC 9110 §7.6.1), plus {@code X-Forwarded-*} upstream. */
final class ForwardHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private ForwardHeaders() {
    }

    /** The request's end-to-end headers (its {@code Host} included, so runtimes build URLs that point at the router). */
    static MultiMap upstreamRequest(HttpServerRequest request) {
        MultiMap headers = endToEnd(request.headers());
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String prior = request.getHeader("X-Forwarded-For");
        if (client != null) {
            headers.set("X-Forwarded-For", prior == null || prior.isBlank() ? client : prior + ", " + client);
        }
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        return headers;
    }

    /** The response's end-to-end headers. */
    static MultiMap endToEnd(MultiMap source) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String value : source.getAll("connection")) {
            for (String token : value.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        MultiMap copy = MultiMap.caseInsensitiveMultiMap();
        source.forEach(entry -> {
            if (!dropped.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                copy.add(entry.getKey(), entry.getValue());
            }
        });
        return copy;
    }
}
