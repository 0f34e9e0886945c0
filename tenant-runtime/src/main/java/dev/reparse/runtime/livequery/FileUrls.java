package dev.reparse.runtime.livequery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Fills the {@code url} of each file in an event's object, as the client reached the server (the REST answers' rule). */
final class FileUrls {
    private FileUrls() {
    }

    static Map<String, Object> fill(Map<String, Object> object, String baseUrl, String appId) {
        if (object != null && baseUrl != null) {
            walk(object, baseUrl + "/files/" + URLEncoder.encode(appId, StandardCharsets.UTF_8) + "/");
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, String prefix) {
        if (value instanceof Map<?, ?> map) {
            if ("File".equals(map.get("__type")) && map.get("name") instanceof String name) {
                ((Map<String, Object>) map).put("url", prefix + URLEncoder.encode(name, StandardCharsets.UTF_8)
                        .replace("+", "%20"));
                return;
            }
            map.values().forEach(child -> walk(child, prefix));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> walk(child, prefix));
        }
    }
}
