package dev.reparse.controlplane.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The test's own look at Keycloak through its admin REST API, independent of the code under test. */
public final class KeycloakAdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    public KeycloakAdminApi(String url) {
        this.url = url;
    }

    /** GET on {@code /admin/realms/...}. */
    public JsonNode get(String path) {
        return parse(call(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + path)).GET(), 200).body());
    }

    /** PUT of a JSON body on {@code /admin/realms/...}. */
    public void put(String path, JsonNode body) {
        call(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + path)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), 204);
    }

    /** POST of a JSON body on {@code /admin/realms/...}; the status Keycloak answered. */
    public int post(String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request.header("Authorization", "Bearer " + token()).build()).statusCode();
    }

    private HttpResponse<String> call(HttpRequest.Builder request, int expected) {
        HttpResponse<String> answer = send(request.header("Authorization", "Bearer " + token()).build());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException("Keycloak admin API answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private String token() {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(KeycloakServer.ADMIN_USERNAME)
            + "&password=" + enc(KeycloakServer.ADMIN_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return parse(send(request).body()).path("access_token").asText();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
