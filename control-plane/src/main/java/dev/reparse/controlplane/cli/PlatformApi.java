package dev.reparse.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The control plane's Apps API as the command line calls it, with an account's credentials: email and password
 * ({@code X-Parse-Email}/{@code X-Parse-Password}) or an account key.
 */
final class PlatformApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final Map<String, String> credentials;
    private final String refusedHint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformApi(URI base, Map<String, String> credentials) {
        this(base, credentials, "the account's credentials: REPARSE_EMAIL and REPARSE_PASSWORD, or REPARSE_ACCOUNT_KEY");
    }

    /** {@code refusedHint}: what a 401 answer says about the credentials used. */
    PlatformApi(URI base, Map<String, String> credentials, String refusedHint) {
        this.base = base;
        this.credentials = Map.copyOf(credentials);
        this.refusedHint = refusedHint;
    }

    JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + query(query), null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** POSTs bytes as they are, with their Content-Type and a query. */
    JsonNode upload(String path, Map<String, String> query, String contentType, byte[] content) {
        return send("POST", path + query(query), new Raw(contentType, content));
    }

    /** A body sent as it is. */
    private record Raw(String contentType, byte[] content) {
    }

    private static String query(Map<String, String> query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> params.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return params.toString();
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
            if (body instanceof Raw raw) {
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(raw.content()))
                    .header("Content-Type", raw.contentType());
            } else if (body != null) {
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json");
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            credentials.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new CliException(describe(response.statusCode(), answer, refusedHint));
            }
            return answer;
        } catch (ConnectException e) {
            throw new CliException("no control plane answers at " + base + " (is ./reparse up running? --url or "
                + "REPARSE_URL names another)");
        } catch (IOException e) {
            throw new CliException(method + " " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static String describe(int status, JsonNode answer, String refusedHint) {
        String error = answer.path("error").asText("HTTP " + status);
        if (status == 401) {
            return error + " (" + refusedHint + ")";
        }
        return error + (answer.has("code") ? " (code " + answer.path("code").asInt() + ")" : "");
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }

    /** A failure the command reports in one line and exits 1 for. */
    static final class CliException extends RuntimeException {
        CliException(String message) {
            super(message, null, false, false);
        }
    }
}
