package dev.reparse.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client is told about as {@code {"code": N, "error": "..."}} with an HTTP status.
 *
 * <p>The status follows Parse Server: 404 for a missing object, 500 for an internal error, 400 for
 * the rest, unless a call site says otherwise (403 for missing keys, 429 for rate limits).
 */
public final class ParseException extends RuntimeException {
    private final int code;
    private final int httpStatus;
    private final String reason;

    public ParseException(int code, String message) {
        this(code, message, defaultStatus(code));
    }

    public ParseException(int code, String message, int httpStatus) {
        this(code, message, httpStatus, null);
    }

    /**
     * With a reason for the server's request log that the client is not told (Parse Server's answers stay as they
     * are, e.g. a bare "unauthorized"); it must name no secret.
     */
    public ParseException(int code, String message, int httpStatus, String reason) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.reason = reason;
    }

    /** HTTP 403 {@code {"error":"unauthorized"}}: the answer Parse Server gives without a code. */
    public static ParseException unauthorized() {
        return new ParseException(0, "unauthorized", 403);
    }

    /** {@link #unauthorized()} with the reason the request log shows, e.g. "no client key". */
    public static ParseException unauthorized(String reason) {
        return new ParseException(0, "unauthorized", 403, reason);
    }

    /**
     * HTTP 403 {@code {"error":"Permission denied"}} for a master-key-only operation attempted without
     * it: Parse Server 9's sanitized answer (its unsanitized one is "unauthorized: master key is required").
     */
    public static ParseException masterKeyRequired() {
        return new ParseException(0, "Permission denied", 403, "master key required");
    }

    public static ParseException invalidJson(String message) {
        return new ParseException(ParseErrorCode.INVALID_JSON, message);
    }

    public static ParseException invalidQuery(String message) {
        return new ParseException(ParseErrorCode.INVALID_QUERY, message);
    }

    public static ParseException objectNotFound() {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Object not found.");
    }

    public static ParseException invalidKeyName(String key) {
        return new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid field name: " + key + ".");
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Why the request was refused, for the server's request log only; null when the message says it all. */
    public String reason() {
        return reason;
    }

    /** The JSON body the client receives; a code of 0 means Parse Server's bare {@code {"error"}} form. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (code != 0) {
            body.put("code", code);
        }
        body.put("error", getMessage());
        return body;
    }

    private static int defaultStatus(int code) {
        return switch (code) {
            case ParseErrorCode.OBJECT_NOT_FOUND -> 404;
            case ParseErrorCode.INTERNAL_SERVER_ERROR -> 500;
            case ParseErrorCode.REQUEST_LIMIT_EXCEEDED -> 429;
            default -> 400;
        };
    }
}
