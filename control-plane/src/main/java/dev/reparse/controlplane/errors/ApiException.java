package dev.reparse.controlplane.errors;

import dev.reparse.protocol.ParseErrorCode;

/** A refusal the client caused, answered as a Parse error body {@code {"code": N, "error": "..."}}. */
public final class ApiException extends RuntimeException {
    private final int httpStatus;
    private final int code;

    public ApiException(int httpStatus, int code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
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
