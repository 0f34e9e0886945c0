package dev.reparse.runtime.requestlog;

import io.vertx.core.http.HttpServerResponse;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the edge learns about a request that the request log's end handler cannot see on its own: the method a
 * {@code _method} body field turned it into (the JS SDK sends reads as POST), and the Parse error a refusal answered.
 * Handed over by the response object itself, which is all the answer writers hold; held weakly, so an entry lives no
 * longer than its request, and taken out by the end handler. Per-request state, not per-app.
 */
public final class RequestNotes {
    private static final Map<HttpServerResponse, Note> BY_RESPONSE = Collections.synchronizedMap(new WeakHashMap<>());

    private RequestNotes() {
    }

    /** Remembers why that response refuses its request (for an answer with status 400 or more). */
    public static void refusal(HttpServerResponse response, int status, Object body, String reason) {
        if (status < 400) {
            return;
        }
        RequestLine.Refusal refusal = RequestLine.Refusal.of(body, reason);
        if (refusal != null) {
            BY_RESPONSE.merge(response, new Note(null, refusal), Note::and);
        }
    }

    /** Remembers the method the request asked for in its body ({@code _method}), when it differs from the HTTP one. */
    public static void method(HttpServerResponse response, String method) {
        BY_RESPONSE.merge(response, new Note(method, null), Note::and);
    }

    static Note take(HttpServerResponse response) {
        Note note = BY_RESPONSE.remove(response);
        return note == null ? Note.NONE : note;
    }

    /** The method (null: the HTTP one) and the refusal (null: none) of one request. */
    record Note(String method, RequestLine.Refusal refusal) {
        static final Note NONE = new Note(null, null);

        Note and(Note later) {
            return new Note(later.method != null ? later.method : method, later.refusal != null ? later.refusal : refusal);
        }
    }
}
