package dev.reparse.runtime.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reparse.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 1 GB upload and download through the packaged runtime started at {@code -Xmx256m}, on its
 * default files store (the embedded S3 server): the body is generated while it is sent, so the
 * only way it fits is streaming. Slow, so not in the default test run; {@code bench/files-1g.sh}
 * runs it ({@code -Dreparse.it.bytes} and {@code -Dreparse.it.files} change size and store).
 */
class BigFileUploadIT {
    private static final long BYTES = Long.getLong("reparse.it.bytes", 1L << 30);
    private static final String ADAPTER = System.getProperty("reparse.it.files", "s3");

    @Test
    void aOneGigabyteUploadStreamsThroughARuntimeWith256MbOfHeap() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.isRegularFile(jar), "package the runtime first");
        Path data = Files.createTempDirectory("reparse-1g");
        int port = freePort();
        Process runtime = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dreparse.app-id=big", "-Dreparse.master-key=mk",
                "-Dreparse.data-dir=" + data, "-Dreparse.files.adapter=" + ADAPTER, "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(data.resolve("runtime.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/parse";
            awaitHealthy(http, base, runtime);

            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(base + "/files/big.bin"))
                    .header("X-Parse-Application-Id", "big").header("X-Parse-Master-Key", "mk")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(BYTES, sent)), BYTES))
                    .build(), HttpResponse.BodyHandlers.ofString());
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            assertEquals(201, upload.statusCode(), upload.body());
            String url = (String) Json.asObject(Json.parse(upload.body()), 0, "").get("url");

            start = System.nanoTime();
            HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long length = 0;
            try (InputStream in = download.body()) {
                byte[] chunk = new byte[1 << 20];
                int n;
                while ((n = in.read(chunk)) > 0) {
                    received.update(chunk, 0, n);
                    length += n;
                }
            }
            double downloadSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("files %s: %d bytes up in %.1f s (%.0f MB/s), down in %.1f s (%.0f MB/s), runtime -Xmx256m%n",
                    ADAPTER, BYTES, uploadSeconds, BYTES / 1e6 / uploadSeconds, downloadSeconds,
                    BYTES / 1e6 / downloadSeconds);
            assertEquals(BYTES, length);
            assertArrayEquals(sent.digest(), received.digest());
            assertTrue(runtime.isAlive(), "the runtime survived");
        } finally {
            runtime.destroy();
            runtime.waitFor();
        }
    }

    private static void awaitHealthy(HttpClient http, String base, Process runtime) throws Exception {
        for (int i = 0; i < 240; i++) {
            assertTrue(runtime.isAlive(), "the runtime exited during start-up");
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"ok\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the runtime did not become healthy");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code length} pseudo-random bytes made as they are read, digested on the way out. */
    private static final class Generated extends InputStream {
        private final MessageDigest digest;
        private long remaining;
        private long state = 0x9E3779B97F4A7C15L;

        Generated(long length, MessageDigest digest) {
            this.remaining = length;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                buffer[offset + i] = (byte) state;
            }
            digest.update(buffer, offset, n);
            remaining -= n;
            return n;
        }
    }
}
