package dev.reparse.runtime.authdata;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Provider URLs built from a configured base URL, so a deployment or a test can point a provider elsewhere. */
final class Endpoints {
    private Endpoints() {
    }

    /** The base URL with the path appended, whether or not the base ends with a slash. */
    static URI resolve(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        return URI.create(base + path);
    }

    /** The base URL with the path and a query of form-encoded parameters (credentials included: encoded, never raw). */
    static URI resolve(String baseUrl, String path, Map<String, String> query) {
        return URI.create(resolve(baseUrl, path) + "?" + form(query));
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
