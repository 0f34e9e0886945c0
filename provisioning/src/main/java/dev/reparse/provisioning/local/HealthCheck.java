package dev.reparse.provisioning.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a runtime's {@code GET <mount>/health}: 200 once its store and API are up, 503 while it starts. */
final class HealthCheck {
    private static final Duration POLL = Duration.ofMillis(50);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    boolean healthy(String upstream) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(upstream + "/health")).timeout(Duration.ofSeconds(2))
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until healthy; false when the timeout passes or {@code stillWorthWaiting} says the process died. */
    boolean await(String upstream, Duration timeout, BooleanSupplier stillWorthWaiting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && stillWorthWaiting.getAsBoolean()) {
            if (healthy(upstream)) {
                return true;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
