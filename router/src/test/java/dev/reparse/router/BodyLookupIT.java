package dev.reparse.router;

import static dev.reparse.router.RouterHarness.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounds of looking into bodies for {@code _ApplicationId}: 16 KB in memory, then a spill file; at most 4 MB read;
 * at most 6 MB spilled at once over all requests.
 */
class BodyLookupIT {
    private static final int MB = 1 << 20;
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static RouterHarness router;
    private static Path spillDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.start(vertx, "A");
        Path dir = Files.createTempDirectory("router-lookup");
        spillDir = Files.createDirectory(dir.resolve("spill"));
        Path routes = dir.resolve("routes.json");
        RouterHarness.writeRoutes(routes, 1, route("app", upstream.url(), "app", 0, true));
        router = RouterHarness.start(TestConfig.withRoutesFile(routes.toString()).bodyMemoryBytes(16 * 1024)
                .bodyScanLimit(4 * MB).spillBudget(6 * MB).spillDir(spillDir.toString()), System::nanoTime);
        router.awaitVersion(1);
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void looksNoFurtherThanTheScanLimit() throws Exception {
        assertEquals(200, digest(SdkBodies.fileUpload("app", 3 * MB)).statusCode());
        assertEquals(403, digest(SdkBodies.fileUpload("app", 5 * MB)).statusCode(), "the id comes after 4 MB");
        byte[] idFirst = ("{\"_ApplicationId\":\"app\",\"data\":\"" + "x".repeat(5 * MB) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> early = digest(idFirst);
        assertEquals(200, early.statusCode(), early.body());
        assertEquals(idFirst.length, new JsonObject(early.body()).getLong("bytes"));
    }

    @Test
    void aBodyThatWouldSpillPastTheBudgetAnswers503AndSpilledBytesAreReleased() throws Exception {
        byte[] partial = new byte[4 * MB - 1024];
        System.arraycopy("{\"data\":\"".getBytes(StandardCharsets.US_ASCII), 0, partial, 0, 9);
        java.util.Arrays.fill(partial, 9, partial.length, (byte) 'x');
        String head = "POST /parse/classes/Thing HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                + (8 * MB) + "\r\n\r\n";
        try (RawHttp first = new RawHttp(router.port()); RawHttp second = new RawHttp(router.port())) {
            first.send(head).send(new String(partial, StandardCharsets.US_ASCII));
            Thread.sleep(500);
            second.send(head).send(new String(partial, StandardCharsets.US_ASCII));
            RawHttp.Response refused = second.readResponse();
            assertEquals(503, refused.status(), refused.body());
            assertEquals(1, new JsonObject(refused.body()).getInteger("code"));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<String> after;
        do {
            Thread.sleep(100);
            after = digest(SdkBodies.fileUpload("app", 3 * MB + MB / 2));
        } while (after.statusCode() != 200 && System.nanoTime() < deadline);
        assertEquals(200, after.statusCode(), "the budget came back once the stalled bodies were gone: " + after.body());
        try (Stream<Path> left = Files.list(spillDir)) {
            assertTrue(left.findAny().isEmpty(), "no spill file outlives its request");
        }
    }

    private HttpResponse<String> digest(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(router.url() + "/parse/digest")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
