package dev.reparse.runtime.requestlog;

import io.vertx.core.http.HttpServerResponse;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands a refused request's Parse error from where its answer is written (which holds only the response) to the
 * request log's end handler. Keyed by the response object itself and held weakly: an entry lives as long as its
 * request, and the end handler takes it out; it is per-request, not per-app, state.
 */
public final class Refusals {
    private static final Map<HttpServerResponse, RequestLine.Refusal> BY_RESPONSE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Refusals() {
    }

    /** Remembers why that response refuses its request (for an answer with status 400 or more). */
    public static void note(HttpServerResponse response, int status, Object body, String reason) {
        if (status < 400) {
            return;
        }
        RequestLine.Refusal refusal = RequestLine.Refusal.of(body, reason);
        if (refusal != null) {
            BY_RESPONSE.put(response, refusal);
        }
    }

    static RequestLine.Refusal take(HttpServerResponse response) {
        return BY_RESPONSE.remove(response);
    }
}
