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

    public ParseException(int code, String message) {
        this(code, message, defaultStatus(code));
    }

    public ParseException(int code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** HTTP 403 {@code {"error":"unauthorized"}}: the answer Parse Server gives without a code. */
    public static ParseException unauthorized() {
        return new ParseException(0, "unauthorized", 403);
    }

    /** HTTP 403 for a master-key-only operation attempted without it. */
    public static ParseException masterKeyRequired() {
        return new ParseException(0, "unauthorized: master key is required", 403);
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
