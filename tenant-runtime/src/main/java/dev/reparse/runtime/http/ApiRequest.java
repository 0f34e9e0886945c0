package dev.reparse.runtime.http;

import java.util.Map;
import java.util.Objects;

/**
 * One Parse API call with its transport stripped: method (after {@code _method} overrides), path
 * under the mount, parameters (query string or JSON body) and credentials.
 *
 * @param path the path below the mount, starting with {@code /}, e.g. {@code /classes/Game}
 * @param params the JSON body for writes, the query parameters (or a {@code _method: GET} body) for reads
 * @param baseUrl the server URL as the client reached it, e.g. {@code http://localhost:1337/parse}
 */
public record ApiRequest(String method, String path, Map<String, Object> params, Credentials credentials,
        String baseUrl) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The keys and tokens a request carried, from {@code X-Parse-*} headers or body fields. */
    public record Credentials(String appId, String masterKey, String javascriptKey, String restKey, String clientKey,
            String dotnetKey, String sessionToken, String installationId) {
        public static Credentials none() {
            return new Credentials(null, null, null, null, null, null, null, null);
        }
    }
}
