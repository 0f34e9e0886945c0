package dev.reparse.controlplane;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/** Serves {@code GET /internal/v1/usage} as the router's contract says, with counters a test sets. */
public final class FakeRouterUsage {
    private final HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("{\"apps\":{}}");

    private FakeRouterUsage(HttpServer server) {
        this.server = server;
    }

    static FakeRouterUsage start(String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeRouterUsage fake = new FakeRouterUsage(server);
            server.createContext("/internal/v1/usage", exchange -> {
                boolean allowed = token.equals(exchange.getRequestHeaders().getFirst("X-Reparse-Internal-Token"));
                byte[] answer = (allowed ? fake.body.get() : "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(allowed ? 200 : 401, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets the cumulative counters the next polls read. */
    public void counters(String applicationId, long requests, long bytesIn, long bytesOut, long rejected) {
        body.set("{\"apps\":{\"" + applicationId + "\":{\"requests\":" + requests + ",\"bytesIn\":" + bytesIn
            + ",\"bytesOut\":" + bytesOut + ",\"rejected\":" + rejected + "}}}");
    }

    /** Sets the whole answer the next polls read, e.g. with request analytics. */
    public void answer(String json) {
        body.set(json);
    }
}
