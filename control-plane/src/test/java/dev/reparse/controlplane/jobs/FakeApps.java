package dev.reparse.controlplane.jobs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for apps' Parse API behind the router: serves each app's {@code _JobSchedule} rows and running-job count
 * as set by a test, and counts {@code POST /jobs/:name} calls that carry the app's master key.
 */
public final class FakeApps {
    /** One accepted {@code POST /jobs/:name}. */
    record JobCall(String applicationId, String jobName, String body) {
    }

    private final HttpServer server;
    private final Map<String, String> masterKeys = new ConcurrentHashMap<>();
    private final Map<String, String> schedules = new ConcurrentHashMap<>();
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final List<JobCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private static FakeApps shared;

    private FakeApps(HttpServer server) {
        this.server = server;
    }

    /** The one stand-in of the test JVM (the control plane under test calls it as {@code reparse.jobs.api-url}). */
    public static synchronized FakeApps shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static FakeApps start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeApps fake = new FakeApps(server);
            server.createContext("/parse/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in's Parse API base URL. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/parse");
    }

    void app(String applicationId, String masterKey, String scheduleRowsJson) {
        masterKeys.put(applicationId, masterKey);
        schedules.put(applicationId, scheduleRowsJson);
    }

    void running(String applicationId, int jobs) {
        running.put(applicationId, jobs);
    }

    List<JobCall> calls(String applicationId) {
        return calls.stream().filter(call -> call.applicationId().equals(applicationId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String app = exchange.getRequestHeaders().getFirst("X-Parse-Application-Id");
        String key = exchange.getRequestHeaders().getFirst("X-Parse-Master-Key");
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (app == null || !masterKeys.containsKey(app)) {
            answer(exchange, 403, "{\"error\":\"unauthorized\"}");
        } else if (!masterKeys.get(app).equals(key)) {
            answer(exchange, 403, "{\"code\":119,\"error\":\"unauthorized: master key is required\"}");
        } else if (path.equals("/parse/classes/_JobSchedule")) {
            answer(exchange, 200, "{\"results\":" + schedules.get(app) + "}");
        } else if (path.equals("/parse/classes/_JobStatus")) {
            answer(exchange, 200, "{\"results\":[],\"count\":" + running.getOrDefault(app, 0) + "}");
        } else if (path.startsWith("/parse/jobs/") && exchange.getRequestMethod().equals("POST")) {
            calls.add(new JobCall(app, path.substring("/parse/jobs/".length()), body));
            exchange.getResponseHeaders().add("X-Parse-Job-Status-Id", "status" + ids.incrementAndGet());
            answer(exchange, 200, "{}");
        } else {
            answer(exchange, 404, "{\"code\":141,\"error\":\"Invalid job.\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
