package dev.reparse.provisioning.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.CodeStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks a running runtime what its Cloud Code does: {@code GET <upstream>/cloud_code/status} with the master key. */
final class CodeStatusProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    CodeStatus ask(String upstream, DesiredApp app) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(upstream + "/cloud_code/status"))
                .timeout(Duration.ofSeconds(3))
                .header("X-Parse-Application-Id", app.applicationId())
                .header("X-Parse-Master-Key", app.runtimeSettings().keys().masterKey())
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the runtime answered " + response.statusCode() + " to "
                        + "GET /cloud_code/status");
            }
            return parse(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime did not answer GET /cloud_code/status: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the runtime for its Cloud Code status", e);
        }
    }

    static CodeStatus parse(JsonNode body) {
        JsonNode running = body.path("running");
        JsonNode tried = body.path("lastTried");
        Optional<CodeStatus.Attempt> attempt = tried.isObject()
                ? Optional.of(new CodeStatus.Attempt(release(tried), tried.path("loaded").asBoolean(false)
                        ? Optional.empty() : Optional.of(tried.path("error").path("summary").asText("the code did not load"))))
                : Optional.empty();
        return new CodeStatus(running.isObject(), release(running), attempt);
    }

    private static Optional<CloudCodeRelease> release(JsonNode node) {
        try {
            return node.path("version").canConvertToLong() && node.path("sha256").isTextual()
                    ? Optional.of(new CloudCodeRelease(node.path("version").asLong(), node.path("sha256").asText()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
