package dev.reparse.router.proxy;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which headers cross the proxy: all but the hop-by-hop ones (RFC 9110 §7.6.1) and {@code Expect}, plus
 * {@code X-Forwarded-*} upstream.
 * Copied in one pass straight into the outgoing message's headers, comparing names case-insensitively in place: this
 * runs twice per request, so it neither lowercases names nor builds intermediate maps.
 */
final class ForwardHeaders {
    private static final AsciiString[] HOP_BY_HOP = {AsciiString.cached("connection"), AsciiString.cached("keep-alive"),
        AsciiString.cached("proxy-authenticate"), AsciiString.cached("proxy-authorization"),
        AsciiString.cached("proxy-connection"), AsciiString.cached("te"), AsciiString.cached("trailer"),
        AsciiString.cached("transfer-encoding"), AsciiString.cached("upgrade"),
        // the router answers Expect: 100-continue itself, when it starts reading the body
        AsciiString.cached("expect")};
    private static final AsciiString CONNECTION = HOP_BY_HOP[0];
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString HTTP = AsciiString.cached("http");
    /** Connection options that name no header, the common values: nothing more to drop. */
    private static final AsciiString KEEP_ALIVE = HOP_BY_HOP[1];
    private static final AsciiString CLOSE = AsciiString.cached("close");

    private ForwardHeaders() {
    }

    /**
     * Adds the request's end-to-end headers to {@code target} (its {@code Host} included, so runtimes build URLs that
     * point at the router), then {@code X-Forwarded-For/Proto/Host}.
     */
    static void copyRequest(HttpServerRequest request, MultiMap target) {
        MultiMap source = request.headers();
        copyEndToEnd(source, target);
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (client != null) {
            String prior = source.get(X_FORWARDED_FOR);
            target.set(X_FORWARDED_FOR, prior == null || prior.isBlank() ? client : prior + ", " + client);
        }
        target.set(X_FORWARDED_PROTO, request.scheme() == null ? HTTP : request.scheme());
        if (request.authority() != null) {
            target.set(X_FORWARDED_HOST, request.authority().toString());
        }
    }

    /** Adds the end-to-end headers of {@code source} to {@code target}. */
    static void copyEndToEnd(MultiMap source, MultiMap target) {
        List<String> named = namedByConnection(source);
        if (source instanceof io.netty.handler.codec.http.HttpHeaders netty) {
            // Vert.x's own header maps: names and values as they were decoded, without String conversions
            Iterator<Map.Entry<CharSequence, CharSequence>> entries = netty.iteratorCharSequence();
            while (entries.hasNext()) {
                Map.Entry<CharSequence, CharSequence> entry = entries.next();
                if (!dropped(entry.getKey(), named)) {
                    target.add(entry.getKey(), entry.getValue());
                }
            }
            return;
        }
        for (Map.Entry<String, String> entry : source) {
            if (!dropped(entry.getKey(), named)) {
                target.add(entry.getKey(), entry.getValue());
            }
        }
    }

    /** The extra headers {@code Connection} names; null in the usual case that it names none. */
    private static List<String> namedByConnection(MultiMap source) {
        List<String> values = source.getAll(CONNECTION);
        List<String> named = null;
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !KEEP_ALIVE.contentEqualsIgnoreCase(name) && !CLOSE.contentEqualsIgnoreCase(name)) {
                    if (named == null) {
                        named = new ArrayList<>(2);
                    }
                    named.add(name);
                }
            }
        }
        return named;
    }

    private static boolean dropped(CharSequence name, List<String> named) {
        for (AsciiString hop : HOP_BY_HOP) {
            if (hop.length() == name.length() && hop.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        if (named != null) {
            for (String extra : named) {
                if (AsciiString.contentEqualsIgnoreCase(extra, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
