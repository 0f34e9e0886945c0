package dev.reparse.router;

import static dev.reparse.router.RouterHarness.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 200 MB up and down, and a 20 MB JS SDK body whose {@code _ApplicationId} comes last, through a router JVM started
 * with 16 MB of heap (and so 16 MB of direct memory): the bodies are generated and checked while they flow, so the
 * only way they pass is streaming (or, for the SDK body, spilling to disk).
 */
class StreamingIT {
    private static final long BYTES = 200L * 1024 * 1024;
    private static final String HEAP = "-Xmx16m";
    private static final BlockingQueue<String> HEAP_READINGS = new LinkedBlockingQueue<>();
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static Process router;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.start(vertx, "A");
        Path routes = Files.createTempDirectory("router-stream").resolve("routes.json");
        RouterHarness.writeRoutes(routes, 1, route("big", upstream.url(), "big", 0, true));
        router = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), StandaloneRouter.class.getName(), routes.toString()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(router.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            System.out.println("router: " + line);
        }
        assertTrue(line != null, "the router JVM did not start");
        base = "http://127.0.0.1:" + line.substring(5);
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(l -> {
                    if (l.startsWith("HEAP ")) {
                        HEAP_READINGS.add(l);
                    }
                    System.out.println("router: " + l);
                });
            } catch (java.io.UncheckedIOException e) {
                // the router JVM was stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
        awaitRoutes();
    }

    @AfterAll
    static void stop() throws Exception {
        router.destroy();
        router.waitFor(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void uploads200MegabytesThroughARouterWithASmallHeap() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/parse/upload"))
                .header("X-Parse-Application-Id", "big").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(BYTES)), BYTES))
                .build(), HttpResponse.BodyHandlers.ofString());
        report("up", start);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject counted = new JsonObject(answer.body());
        assertEquals(BYTES, counted.getLong("bytes"));
        assertTrue(counted.getBoolean("intact"), "the upstream received the bytes in order");
        assertTrue(router.isAlive());
    }

    @Test
    void downloads200MegabytesThroughARouterWithASmallHeap() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/parse/bytes?n=" + BYTES))
                .header("X-Parse-Application-Id", "big").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        Patterned.Checker checker = new Patterned.Checker();
        try (InputStream in = answer.body()) {
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0) {
                checker.accept(chunk, n);
            }
        }
        report("down", start);
        assertEquals(BYTES, checker.bytes());
        assertTrue(checker.intact());
        assertTrue(router.isAlive());
    }

    @Test
    void findsTheAppAtTheEndOfA20MegabyteSdkBodyWithoutHoldingIt() throws Exception {
        byte[] body = SdkBodies.fileUpload("big", 20 << 20);
        heap();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/parse/digest"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        String reading = heap();
        System.out.printf("router 20 MB SDK body (app id last): %.2f s at %s; router heap during it: %s%n", seconds, HEAP,
                reading);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject digest = new JsonObject(answer.body());
        assertEquals(body.length, digest.getLong("bytes"));
        assertEquals(SdkBodies.sha256(body), digest.getString("sha256"));
        long peak = Long.parseLong(reading.replaceAll(".*peak=(\\d+).*", "$1"));
        assertTrue(peak < body.length, "the router's heap peaked at " + peak + " bytes for a " + body.length + " byte body");
        assertTrue(router.isAlive());
    }

    /** Asks the router JVM for its heap use: after a GC, and the peak since the previous reading. */
    private static String heap() throws Exception {
        HEAP_READINGS.clear();
        router.getOutputStream().write("heap\n".getBytes(StandardCharsets.UTF_8));
        router.getOutputStream().flush();
        String reading = HEAP_READINGS.poll(10, TimeUnit.SECONDS);
        assertTrue(reading != null, "the router JVM did not report its heap");
        return reading;
    }

    private static void report(String direction, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("router %s: %d MB in %.1f s (%.0f MB/s) at %s%n", direction, BYTES >> 20, seconds,
                BYTES / 1e6 / seconds, HEAP);
    }

    private static void awaitRoutes() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (new JsonObject(health).getLong("routesVersion") == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the router never loaded its routes file");
    }

    /** The pattern as an input stream, generated as it is read. */
    private static final class PatternStream extends InputStream {
        private final long length;
        private long position;

        PatternStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? Patterned.at(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                target[offset + i] = Patterned.at(position + i);
            }
            position += n;
            return n;
        }
    }
}
