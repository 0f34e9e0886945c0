package dev.reparse.provisioning;

import java.util.Locale;

/**
 * One line of an app's request log as its runtime wrote it (the format is the tenant runtime's {@code RequestLine}):
 * when, the method and path (no query), the HTTP status, Parse's error code and message with the reason on a refusal
 * ({@code code} and {@code error}, null otherwise), and how long it took.
 */
public record RequestLogEntry(String time, String level, String method, String path, int status, Integer code,
        String error, long ms) {

    String searchText() {
        return (method + " " + path + " " + status + " " + (code == null ? "" : code) + " " + (error == null ? "" : error))
            .toLowerCase(Locale.ROOT);
    }
}
