package dev.reparse.runtime.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Fills the {@code url} of every {@code {"__type":"File"}} in an answer, as the server is reached. */
final class FileUrls {
    private FileUrls() {
    }

    static ApiResponse fill(ApiResponse response, String baseUrl, String appId) {
        fill(response.body(), baseUrl, appId);
        return response;
    }

    /** Fills the files in any JSON value (an answer's body, a LiveQuery event's object), in place. */
    static void fill(Object value, String baseUrl, String appId) {
        if (baseUrl != null && value != null) {
            walk(value, baseUrl + "/files/" + URLEncoder.encode(appId, StandardCharsets.UTF_8) + "/");
        }
    }

    /** {@code <baseUrl>/files/<appId>/<name>}, each part percent-encoded. */
    static String url(String baseUrl, String appId, String name) {
        return baseUrl + "/files/" + URLEncoder.encode(appId, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, String prefix) {
        if (value instanceof Map<?, ?> map) {
            if ("File".equals(map.get("__type")) && map.get("name") instanceof String name) {
                try {
                    ((Map<String, Object>) map).put("url", prefix + URLEncoder.encode(name, StandardCharsets.UTF_8)
                            .replace("+", "%20"));
                } catch (UnsupportedOperationException e) {
                    // an immutable map came from a constant; it holds no file of the app's
                }
                return;
            }
            map.values().forEach(child -> walk(child, prefix));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> walk(child, prefix));
        }
    }
}
