package dev.reparse.runtime.livequery;

import dev.reparse.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The frames a LiveQuery server sends, shaped as Parse Server 9's ({@code Client.js}). */
final class Frames {
    private Frames() {
    }

    /** {@code {"op":"error","error","code","reconnect","requestId"}}; requestId null when the error is the connection's. */
    static String error(int code, String message, boolean reconnect, Integer requestId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", "error");
        frame.put("error", message);
        frame.put("code", code);
        frame.put("reconnect", reconnect);
        frame.put("requestId", requestId);
        return write(frame);
    }

    /** {@code connected}, {@code subscribed}, {@code unsubscribed}: no object. */
    static String status(String op, String clientId, String installationId, Integer requestId) {
        return write(head(op, clientId, installationId, requestId));
    }

    /** An event ({@code create}, {@code enter}, {@code update}, {@code leave}, {@code delete}); original may be null. */
    static String event(String op, String clientId, String installationId, int requestId, Map<String, Object> object,
            Map<String, Object> original) {
        Map<String, Object> frame = head(op, clientId, installationId, requestId);
        frame.put("object", object);
        if (original != null) {
            frame.put("original", original);
        }
        return write(frame);
    }

    private static Map<String, Object> head(String op, String clientId, String installationId, Integer requestId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", op);
        frame.put("clientId", clientId);
        if (installationId != null) {
            frame.put("installationId", installationId);
        }
        if (requestId != null) {
            frame.put("requestId", requestId);
        }
        return frame;
    }

    private static String write(Map<String, Object> frame) {
        return new String(Json.write(frame), StandardCharsets.UTF_8);
    }
}
