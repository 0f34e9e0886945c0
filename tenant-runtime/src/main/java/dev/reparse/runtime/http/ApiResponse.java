package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseException;
import java.util.Map;

/**
 * A JSON answer with its status and extra headers; {@code reason} is what the request log adds to a refusal and the
 * client is not told (see {@link ParseException#reason()}).
 */
public record ApiResponse(int status, Object body, Map<String, String> headers, String reason) {
    public ApiResponse(int status, Object body, Map<String, String> headers) {
        this(status, body, headers, null);
    }

    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    static ApiResponse error(ParseException error) {
        return new ApiResponse(error.httpStatus(), error.toBody(), Map.of(), error.reason());
    }
}
