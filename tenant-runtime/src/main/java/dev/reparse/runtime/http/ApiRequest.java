package dev.reparse.runtime.http;

import dev.reparse.runtime.core.RequestInfo;
import java.util.Map;
import java.util.Objects;

/**
 * One Parse API call with its transport stripped: method (after {@code _method} overrides), path
 * under the mount, parameters (query string or JSON body) and credentials.
 *
 * @param path the path below the mount, starting with {@code /}, e.g. {@code /classes/Game}
 * @param params the JSON body for writes, the query parameters (or a {@code _method: GET} body) for reads
 * @param baseUrl the server URL as the client reached it, e.g. {@code http://localhost:1337/parse}
 * @param info what the app's code may see of the request: the SDK's context, the address and headers
 */
public record ApiRequest(String method, String path, Map<String, Object> params, Credentials credentials,
        String baseUrl, RequestInfo info) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(credentials, "credentials");
        info = info == null ? RequestInfo.NONE : info;
    }

    /** A request with nothing for the app's code beyond its data (no context, address or headers). */
    public ApiRequest(String method, String path, Map<String, Object> params, Credentials credentials, String baseUrl) {
        this(method, path, params, credentials, baseUrl, RequestInfo.NONE);
    }

    /** The keys and tokens a request carried, from {@code X-Parse-*} headers or body fields. */
    public record Credentials(String appId, String masterKey, String javascriptKey, String restKey, String clientKey,
            String dotnetKey, String sessionToken, String installationId) {
        public static Credentials none() {
            return new Credentials(null, null, null, null, null, null, null, null);
        }
    }
}
