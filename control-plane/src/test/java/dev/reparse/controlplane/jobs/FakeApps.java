package dev.reparse.controlplane.jobs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for apps' Parse API behind the router: serves each app's {@code _JobSchedule} rows and running-job count
 * as set by a test, takes schedule writes as the runtime does ({@code POST /cloud_code/jobs}, {@code PUT|DELETE
 * /cloud_code/jobs/:id}, refusing a job the app does not define), lists the app's defined jobs ({@code GET
 * /cloud_code/jobs/data}), and counts {@code POST /jobs/:name} calls that carry the app's master key, each answered
 * with a {@code _JobStatus} row that succeeded 1.5 s after it started.
 */
public final class FakeApps {
    /** One accepted {@code POST /jobs/:name}. */
    record JobCall(String applicationId, String jobName, String body) {
    }

    private final HttpServer server;
    private final Map<String, String> masterKeys = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ArrayNode> schedules = new ConcurrentHashMap<>();
    private final Map<String, List<String>> definedJobs = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> statuses = new ConcurrentHashMap<>();
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
        try {
            schedules.put(applicationId, (ArrayNode) JSON.readTree(scheduleRowsJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jobs the app's code defines (none unless set). */
    void defines(String applicationId, String... jobs) {
        definedJobs.put(applicationId, List.of(jobs));
    }

    /** The app's schedule rows as they are now. */
    synchronized ArrayNode rows(String applicationId) {
        return schedules.get(applicationId).deepCopy();
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
            answer(exchange, 200, "{\"results\":" + rows(app) + "}");
        } else if (path.startsWith("/parse/classes/_JobSchedule/")) {
            ObjectNode row = find(app, path.substring("/parse/classes/_JobSchedule/".length()));
            answer(exchange, row == null ? 404 : 200, row == null ? NOT_FOUND : row.toString());
        } else if (path.equals("/parse/classes/_JobStatus")) {
            answer(exchange, 200, jobStatuses(app, exchange.getRequestURI().getQuery()));
        } else if (path.equals("/parse/cloud_code/jobs/data")) {
            answer(exchange, 200, "{\"in_use\":[],\"jobs\":" + JSON.valueToTree(definedJobs.getOrDefault(app, List.of())) + "}");
        } else if (path.startsWith("/parse/cloud_code/jobs")) {
            scheduleWrite(exchange, app, exchange.getRequestMethod(), path.substring("/parse/cloud_code/jobs".length()), body);
        } else if (path.startsWith("/parse/jobs/") && exchange.getRequestMethod().equals("POST")) {
            String job = path.substring("/parse/jobs/".length());
            calls.add(new JobCall(app, job, body));
            String id = "status" + ids.incrementAndGet();
            Instant started = Instant.now();
            statuses.put(id, (ObjectNode) JSON.createObjectNode().put("objectId", id).put("jobName", job).put("status", "succeeded")
                .put("message", "done").put("createdAt", started.toString())
                .set("finishedAt", JSON.createObjectNode().put("__type", "Date")
                    .put("iso", started.plusMillis(1500).toString())));
            exchange.getResponseHeaders().add("X-Parse-Job-Status-Id", id);
            answer(exchange, 200, "{}");
        } else {
            answer(exchange, 404, "{\"code\":141,\"error\":\"Invalid job.\"}");
        }
    }

    private static final String NOT_FOUND = "{\"code\":101,\"error\":\"Object not found.\"}";

    /** Rows with the asked ids ({@code where={"objectId":{"$in":[...]}}}), else the running count. */
    private String jobStatuses(String app, String query) {
        String where = query == null ? "" : query;
        if (!where.contains("$in")) {
            return "{\"results\":[],\"count\":" + running.getOrDefault(app, 0) + "}";
        }
        ArrayNode results = JSON.createArrayNode();
        statuses.forEach((id, row) -> {
            if (where.contains("\"" + id + "\"")) {
                results.add(row);
            }
        });
        return JSON.createObjectNode().set("results", results).toString();
    }

    private synchronized ObjectNode find(String app, String objectId) {
        for (JsonNode row : schedules.get(app)) {
            if (row.path("objectId").asText().equals(objectId)) {
                return (ObjectNode) row;
            }
        }
        return null;
    }

    private synchronized void scheduleWrite(HttpExchange exchange, String app, String method, String rest, String body)
            throws IOException {
        JsonNode fields = body.isBlank() ? null : JSON.readTree(body).get("job_schedule");
        String now = Instant.now().toString();
        if (fields != null && fields.has("jobName")
                && !definedJobs.getOrDefault(app, List.of()).contains(fields.get("jobName").asText())) {
            answer(exchange, 500, "{\"code\":1,\"error\":\"Cannot Schedule a job that is not deployed\"}");
        } else if (method.equals("POST") && rest.isEmpty()) {
            ObjectNode row = ((ObjectNode) fields).deepCopy().put("objectId", "sched" + ids.incrementAndGet())
                .put("createdAt", now).put("updatedAt", now);
            if (!row.has("startAfter")) {
                row.put("startAfter", now);
            }
            schedules.get(app).add(row);
            answer(exchange, 200, JSON.createObjectNode().put("objectId", row.get("objectId").asText())
                .put("createdAt", now).toString());
        } else if (find(app, rest.substring(1)) == null) {
            answer(exchange, 404, NOT_FOUND);
        } else if (method.equals("PUT")) {
            ObjectNode row = find(app, rest.substring(1));
            row.setAll((ObjectNode) fields);
            row.put("updatedAt", now);
            answer(exchange, 200, "{\"updatedAt\":\"" + now + "\"}");
        } else if (method.equals("DELETE")) {
            ArrayNode rows = schedules.get(app);
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).path("objectId").asText().equals(rest.substring(1))) {
                    rows.remove(i);
                    break;
                }
            }
            answer(exchange, 200, "{}");
        } else {
            answer(exchange, 404, NOT_FOUND);
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
