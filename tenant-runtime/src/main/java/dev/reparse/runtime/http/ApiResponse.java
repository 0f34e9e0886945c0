package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseException;
import java.util.Map;

/** A JSON answer with its status and extra headers. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    static ApiResponse error(ParseException error) {
        return new ApiResponse(error.httpStatus(), error.toBody(), Map.of());
    }
}
