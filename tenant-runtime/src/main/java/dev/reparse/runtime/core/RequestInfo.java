package dev.reparse.runtime.core;

import java.util.Map;
import java.util.Optional;

/**
 * What a request carried besides its data and keys, for the app's code: the SDK's {@code context}, the
 * client's address and headers, and the URL it reached the server by. Set for the duration of one request
 * on the thread serving it (each request has a virtual thread of its own), so the core's signatures stay
 * about data and callers that have no request (jobs, start-up) simply see {@link #NONE}.
 */
public record RequestInfo(Map<String, Object> context, String ip, Map<String, String> headers, String baseUrl) {
    /** No request: empty context and headers. */
    public static final RequestInfo NONE = new RequestInfo(Map.of(), null, Map.of(), null);

    private static final ThreadLocal<RequestInfo> CURRENT = new ThreadLocal<>();

    public RequestInfo {
        context = context == null ? Map.of() : context;
        headers = headers == null ? Map.of() : headers;
    }

    /** The request this thread is serving, or {@link #NONE}. */
    public static RequestInfo current() {
        RequestInfo info = CURRENT.get();
        return info == null ? NONE : info;
    }

    /** Runs {@code work} as part of this request; the previous one (for nested calls) is restored after. */
    public <T> T during(java.util.function.Supplier<T> work) {
        RequestInfo previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public Optional<String> baseUrlIfKnown() {
        return Optional.ofNullable(baseUrl);
    }
}
