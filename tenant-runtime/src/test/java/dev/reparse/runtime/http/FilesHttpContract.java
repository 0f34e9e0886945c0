package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.files.FilesAdapter;
import dev.reparse.runtime.files.FilesService;
import dev.reparse.runtime.files.UploadPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /files} routes over HTTP (a Vert.x server with the files handler, as the runtime
 * mounts it) against a real adapter; subclasses supply GridFS or S3.
 */
abstract class FilesHttpContract {
    static final String APP = "app";
    static final String MASTER = "master";
    static final long MAX = 64 * 1024;

    private Vertx vertx;
    private HttpServer server;
    private ExecutorService executor;
    private FilesService files;
    private final HttpClient http = HttpClient.newHttpClient();
    String base;

    /** A fresh adapter over an empty store. */
    abstract FilesAdapter adapter();

    /** How many files the store holds. */
    abstract long storedFiles() throws Exception;

    UploadPolicy policy() {
        return new UploadPolicy(false, false, true, Set.copyOf(UploadPolicy.DEFAULT_DENIED_EXTENSIONS), MAX);
    }

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        executor = Executors.newVirtualThreadPerTaskExecutor();
        files = new FilesService(adapter(), policy(), false, new SecureRandom());
        Authenticator authenticator = new Authenticator(new AppSettings(APP, AppSettings.Keys.masterOnly(MASTER),
                AppSettings.Limits.defaults(), false));
        FilesHttp handler = new FilesHttp(APP, "/parse", authenticator, files, executor);
        Router router = Router.router(vertx);
        router.route("/parse/*").handler(ctx -> {
            if (FilesHttp.owns(ctx.request().path(), "/parse")) {
                handler.handle(ctx.request());
            } else {
                ctx.next();
            }
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort() + "/parse";
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        executor.shutdownNow();
        files.close();
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpRequest.Builder upload(String name, byte[] bytes, String contentType, boolean master) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/files/" + name))
                .header("X-Parse-Application-Id", APP)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return master ? request.header("X-Parse-Master-Key", MASTER) : request;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<byte[]> response) {
        return (Map<String, Object>) Json.parse(response.body());
    }

    String uploaded(String name, byte[] bytes, String contentType) throws Exception {
        HttpResponse<byte[]> response = send(upload(name, bytes, contentType, true));
        assertEquals(201, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return (String) json(response).get("name");
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    @Test
    void masterUploadAnswers201WithAUniqueNameUrlAndLocation() throws Exception {
        HttpResponse<byte[]> response = send(upload("a.txt", "hello".getBytes(), "text/plain", true));
        assertEquals(201, response.statusCode());
        String name = (String) json(response).get("name");
        assertTrue(name.matches("[0-9a-f]{32}_a\\.txt"), name);
        String url = base + "/files/app/" + name;
        assertEquals(url, json(response).get("url"));
        assertEquals(url, response.headers().firstValue("Location").orElseThrow());
        assertTrue(uploaded("a.txt", "x".getBytes(), "text/plain").endsWith("_a.txt"));
        assertEquals(2, storedFiles());
    }

    @Test
    void downloadStreamsTheBytesWithTypeLengthAndNosniff() throws Exception {
        byte[] bytes = new byte[60_000];
        new Random(3).nextBytes(bytes);
        String name = uploaded("blob.png", bytes, "image/png");
        HttpResponse<byte[]> response = send(get("/files/app/" + name));
        assertEquals(200, response.statusCode());
        assertArrayEquals(bytes, response.body());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("60000", response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElseThrow());
    }

    @Test
    void rangesAnswer206ClampedAnd416PastTheEnd() throws Exception {
        String name = uploaded("digits.txt", "0123456789".getBytes(), "text/plain");
        HttpResponse<byte[]> middle = send(get("/files/app/" + name).header("Range", "bytes=2-4"));
        assertEquals(206, middle.statusCode());
        assertEquals("234", new String(middle.body()));
        assertEquals("bytes 2-4/10", middle.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> clamped = send(get("/files/app/" + name).header("Range", "bytes=7-100"));
        assertEquals("789", new String(clamped.body()));
        assertEquals("bytes 7-9/10", clamped.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> suffix = send(get("/files/app/" + name).header("Range", "bytes=-3"));
        assertEquals("789", new String(suffix.body()));
        HttpResponse<byte[]> past = send(get("/files/app/" + name).header("Range", "bytes=10-"));
        assertEquals(416, past.statusCode());
        assertEquals("bytes */10", past.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void publicUploadIsRefusedByDefault() throws Exception {
        HttpResponse<byte[]> response = send(upload("a.txt", "hello".getBytes(), "text/plain", false));
        assertEquals(400, response.statusCode());
        assertEquals(130, json(response).get("code"));
        assertEquals(0, storedFiles());
    }

    @Test
    void activeDocumentsAreRefusedByExtensionOrContentTypeInAnyCase() throws Exception {
        for (String[] upload : new String[][] {{"page.html", "text/plain"}, {"page.HtMl", null},
                {"image.SVG", "image/png"}, {"note.txt", "text/html"}, {"data", "image/svg+xml"},
                {"feed.bin", "Application/XHTML+XML"}, {"doc.xml", null}}) {
            HttpResponse<byte[]> response = send(upload(upload[0], "<html></html>".getBytes(), upload[1], true));
            assertEquals(130, json(response).get("code"), String.join(" ", upload));
        }
        assertEquals(0, storedFiles());
    }

    @Test
    void traversalAndOddNamesAnswer122AndStoreNothing() throws Exception {
        for (String name : new String[] {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2fx", "a%01b.txt", "a%0Ab.txt",
                "a".repeat(129), ".hidden", "%E2%80%AEtxt.exe"}) {
            HttpResponse<byte[]> response = send(upload(name, "x".getBytes(), "text/plain", true));
            assertEquals(400, response.statusCode(), name + " " + new String(response.body()));
            if (response.body().length > 0 && response.body()[0] == '{') {
                assertEquals(122, json(response).get("code"), name);
            }
        }
        HttpResponse<byte[]> none = send(HttpRequest.newBuilder(URI.create(base + "/files/"))
                .header("X-Parse-Application-Id", APP).header("X-Parse-Master-Key", MASTER)
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(122, json(none).get("code"));
        assertEquals(0, storedFiles());
    }

    @Test
    void missingContentTypeComesFromTheExtensionElseOctetStream() throws Exception {
        String png = uploaded("pic.png", new byte[] {1, 2, 3}, null);
        assertEquals("image/png", send(get("/files/app/" + png)).headers().firstValue("Content-Type").orElseThrow());
        String bare = uploaded("blob", new byte[] {1, 2, 3}, null);
        assertEquals("application/octet-stream",
                send(get("/files/app/" + bare)).headers().firstValue("Content-Type").orElseThrow());
        String named = uploaded("photo", new byte[] {1, 2, 3}, "image/jpeg");
        assertTrue(named.endsWith("_photo.jpeg"), named);
    }

    @Test
    void anOverSizeUploadWithADeclaredLengthIsRefusedUpFront() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /parse/files/big.bin HTTP/1.1\r\nHost: x\r\nX-Parse-Application-Id: app\r\n"
                    + "X-Parse-Master-Key: master\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 10000000000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("\"code\":130"), answer);
        }
        assertEquals(0, storedFiles());
    }

    @Test
    void anOverSizeStreamedUploadIsCutOffAndLeavesNothing() throws Exception {
        byte[] tooBig = new byte[(int) MAX + 1];
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + "/files/big.bin"))
                .header("X-Parse-Application-Id", APP).header("X-Parse-Master-Key", MASTER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig))));
        assertEquals(130, json(response).get("code"));
        assertEquals(0, storedFiles());
        byte[] fits = new byte[(int) MAX];
        InputStream body = new ByteArrayInputStream(fits);
        HttpResponse<byte[]> ok = send(HttpRequest.newBuilder(URI.create(base + "/files/fits.bin"))
                .header("X-Parse-Application-Id", APP).header("X-Parse-Master-Key", MASTER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));
        assertEquals(201, ok.statusCode());
    }

    @Test
    void theJsSdkBase64FormUploadsWithMetadata() throws Exception {
        String payload = Json.writeString(Map.of("base64", Base64.getEncoder().encodeToString("hello sdk".getBytes()),
                "_ContentType", "text/plain", "fileData", Map.of("metadata", Map.of("owner", "ann"), "tags", Map.of()),
                "_ApplicationId", APP, "_MasterKey", MASTER));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + "/files/sdk.txt"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(payload)));
        assertEquals(201, response.statusCode(), new String(response.body()));
        String name = (String) json(response).get("name");
        assertEquals("hello sdk", new String(send(get("/files/app/" + name)).body()));
        Map<String, Object> metadata = json(send(get("/files/app/metadata/" + name)));
        assertEquals(Map.of("owner", "ann"), metadata.get("metadata"));
        assertEquals(Map.of(), json(send(get("/files/app/metadata/nothing.txt"))));
    }

    @Test
    void theBase64FormNeedsTheSameKeys() throws Exception {
        String payload = Json.writeString(Map.of("base64", "aGVsbG8=", "_ApplicationId", "other"));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + "/files/sdk.txt"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(payload)));
        assertEquals(403, response.statusCode());
        HttpResponse<byte[]> binary = send(HttpRequest.newBuilder(URI.create(base + "/files/raw.bin"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2})));
        assertEquals(403, binary.statusCode());
        assertEquals(0, storedFiles());
    }

    @Test
    void anotherAppsUrlIsForbiddenAndUnknownFilesAre404() throws Exception {
        String name = uploaded("a.txt", "x".getBytes(), "text/plain");
        HttpResponse<byte[]> other = send(get("/files/otherapp/" + name));
        assertEquals(403, other.statusCode());
        assertEquals(119, json(other).get("code"));
        assertEquals(404, send(get("/files/app/nothing.txt")).statusCode());
        assertEquals(404, send(get("/files/app/..%2F" + name)).statusCode());
    }

    @Test
    void deleteNeedsTheMasterKey() throws Exception {
        String name = uploaded("a.txt", "x".getBytes(), "text/plain");
        HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(URI.create(base + "/files/" + name))
                .header("X-Parse-Application-Id", APP).DELETE());
        assertEquals(403, refused.statusCode());
        HttpResponse<byte[]> deleted = send(HttpRequest.newBuilder(URI.create(base + "/files/" + name))
                .header("X-Parse-Application-Id", APP).header("X-Parse-Master-Key", MASTER).DELETE());
        assertEquals(200, deleted.statusCode());
        assertEquals(404, send(get("/files/app/" + name)).statusCode());
        HttpResponse<byte[]> again = send(HttpRequest.newBuilder(URI.create(base + "/files/" + name))
                .header("X-Parse-Application-Id", APP).header("X-Parse-Master-Key", MASTER).DELETE());
        assertEquals(153, json(again).get("code"));
        assertEquals(0, storedFiles());
    }
}
