package dev.reparse.controlplane.errors;

import dev.reparse.protocol.ParseErrorCode;
import java.time.Duration;
import java.util.Optional;

/** A refusal the client caused, answered as a Parse error body {@code {"code": N, "error": "..."}}. */
public final class ApiException extends RuntimeException {
    private final int httpStatus;
    private final int code;
    private final Duration retryAfter;

    public ApiException(int httpStatus, int code, String message) {
        this(httpStatus, code, message, null);
    }

    private ApiException(int httpStatus, int code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    /** When the caller may try again (the {@code Retry-After} header), for refusals that pass. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Too many failed attempts: HTTP 429, Parse code 155, and when the caller may try again. */
    public static ApiException throttled(Duration retryAfter, String message) {
        return new ApiException(429, ParseErrorCode.REQUEST_LIMIT_EXCEEDED, message, retryAfter);
    }

    /** Wrong or missing account credentials. */
    public static ApiException unauthorized() {
        return new ApiException(401, ParseErrorCode.OPERATION_FORBIDDEN, "unauthorized");
    }

    /** An app that does not exist or belongs to another account: the two look the same from outside. */
    public static ApiException appNotFound() {
        return new ApiException(404, ParseErrorCode.OBJECT_NOT_FOUND, "App not found.");
    }

    /** A request body or parameter that does not validate. */
    public static ApiException invalid(int code, String message) {
        return new ApiException(400, code, message);
    }
}
