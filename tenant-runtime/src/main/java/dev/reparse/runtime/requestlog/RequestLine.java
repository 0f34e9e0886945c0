package dev.reparse.runtime.requestlog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the request log. It holds what an app's owner needs to see why a request went wrong and nothing a
 * request carried in secret: the path without its query (tokens of email links live there), no headers (keys,
 * session tokens), no bodies. The file format: a JSON object per line, {@code time, level, method, path, status,
 * ms} and, on a refusal, {@code code} (when Parse's answer has one) and {@code error} (its message, with the reason
 * the client is not told after a colon, e.g. {@code "unauthorized: no client key"}).
 */
public record RequestLine(Instant time, String method, String path, int status, Integer code, String error,
        long durationMs) {
    static final int MAX_PATH = 512;
    static final int MAX_ERROR = 1000;

    /** "error" for every refused or failed request (HTTP 400 and up), "info" for the rest. */
    public String level() {
        return status >= 400 ? "error" : "info";
    }

    /** The line's fields, in the file's order. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", time.toString());
        json.put("level", level());
        json.put("method", method);
        json.put("path", path);
        json.put("status", status);
        if (code != null) {
            json.put("code", code);
        }
        if (error != null) {
            json.put("error", error);
        }
        json.put("ms", durationMs);
        return json;
    }

    /** A finished request's line; the path loses any query and is cut to a bounded length, as is the error. */
    static RequestLine of(Instant time, String method, String rawPath, int status, Refusal refusal, long durationMs) {
        String path = rawPath == null ? "" : rawPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Integer code = refusal == null ? null : refusal.code();
        String error = refusal == null ? null : refusal.describe();
        return new RequestLine(time, method, cut(path, MAX_PATH), status, code, error == null ? null : cut(error, MAX_ERROR),
                durationMs);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** Parse's answer to a refused request: its code (null in the bare {@code {"error"}} form), message and reason. */
    public record Refusal(Integer code, String message, String reason) {
        /** From an answer's body and the reason the client was not told; null when the body is no Parse error. */
        public static Refusal of(Object body, String reason) {
            if (!(body instanceof Map<?, ?> map) || !(map.get("error") instanceof String message)) {
                return reason == null ? null : new Refusal(null, null, reason);
            }
            Integer code = map.get("code") instanceof Number number ? number.intValue() : null;
            return new Refusal(code, message, reason);
        }

        String describe() {
            if (message == null) {
                return reason;
            }
            return reason == null || reason.isBlank() ? message : message + ": " + reason;
        }
    }
}
