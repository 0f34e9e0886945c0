package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.jobs.JobRunStore.ScheduledApp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Talks to an app's Parse API (through the router) with its master key, which never leaves the server side: reads its
 * {@code _JobSchedule} rows, counts its running {@code _JobStatus} rows, starts a job ({@code POST /jobs/:name}).
 */
final class AppJobsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final URI api;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param api the Parse API's base URL, e.g. {@code http://127.0.0.1:1337/parse} */
    AppJobsClient(URI api, ObjectMapper json) {
        this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
        this.json = json;
    }

    /** A call the app did not answer as hoped. */
    static final class AppCallException extends Exception {
        private final int status;
        private final int code;

        AppCallException(String message) {
            this(message, 0, 0);
        }

        AppCallException(String message, int status, int code) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        /** The app's HTTP status; 0 when it did not answer. */
        int status() {
            return status;
        }

        /** The Parse error code of the app's answer; 0 when it had none. */
        int code() {
            return code;
        }
    }

    /** The app's schedule rows, as its REST API returns them. */
    List<JsonNode> schedules(ScheduledApp app) throws AppCallException {
        JsonNode body = send(app, get("classes/_JobSchedule?limit=1000"));
        List<JsonNode> rows = new ArrayList<>();
        body.path("results").forEach(rows::add);
        return rows;
    }

    /** How many of the app's jobs are running: {@code _JobStatus} rows with status running created after {@code since}. */
    long running(ScheduledApp app, Instant since) throws AppCallException {
        String where = "{\"status\":\"running\",\"createdAt\":{\"$gt\":{\"__type\":\"Date\",\"iso\":\"" + since + "\"}}}";
        JsonNode body = send(app, get("classes/_JobStatus?limit=0&count=1&where="
            + URLEncoder.encode(where, StandardCharsets.UTF_8)));
        return body.path("count").asLong(0);
    }

    /** Starts the job; the {@code _JobStatus} id the app answers with. */
    String start(ScheduledApp app, String jobName, String params) throws AppCallException {
        HttpRequest.Builder post = HttpRequest.newBuilder(api.resolve("jobs/" + segment(jobName)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(params));
        HttpResponse<String> response = exchange(app, post);
        return response.headers().firstValue("X-Parse-Job-Status-Id").orElse(null);
    }

    /** The jobs the app's active Cloud Code defines ({@code GET /cloud_code/jobs/data}, as Parse Dashboard asks). */
    List<String> definedJobs(ScheduledApp app) throws AppCallException {
        List<String> jobs = new ArrayList<>();
        send(app, get("cloud_code/jobs/data")).path("jobs").forEach(job -> jobs.add(job.asText()));
        return jobs;
    }

    /** One schedule row; a 404 {@link AppCallException} (code 101) when the app has none with that id. */
    JsonNode schedule(ScheduledApp app, String objectId) throws AppCallException {
        return send(app, get("classes/_JobSchedule/" + segment(objectId)));
    }

    /** Writes a new schedule as Parse Dashboard does ({@code POST /cloud_code/jobs}); its objectId. */
    String createSchedule(ScheduledApp app, JsonNode fields) throws AppCallException {
        return send(app, write("cloud_code/jobs", "POST", fields)).path("objectId").asText(null);
    }

    /** Changes the given fields of a schedule ({@code PUT /cloud_code/jobs/:objectId}). */
    void updateSchedule(ScheduledApp app, String objectId, JsonNode fields) throws AppCallException {
        send(app, write("cloud_code/jobs/" + segment(objectId), "PUT", fields));
    }

    /** Deletes a schedule ({@code DELETE /cloud_code/jobs/:objectId}). */
    void deleteSchedule(ScheduledApp app, String objectId) throws AppCallException {
        exchange(app, HttpRequest.newBuilder(api.resolve("cloud_code/jobs/" + segment(objectId))).DELETE());
    }

    /** The {@code _JobStatus} rows with these ids (status, message, createdAt, finishedAt). */
    List<JsonNode> statuses(ScheduledApp app, List<String> ids) throws AppCallException {
        List<JsonNode> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        String where = json.createObjectNode().set("objectId", json.createObjectNode().set("$in",
            json.valueToTree(ids))).toString();
        send(app, get("classes/_JobStatus?limit=" + ids.size() + "&where=" + URLEncoder.encode(where, StandardCharsets.UTF_8)))
            .path("results").forEach(rows::add);
        return rows;
    }

    private HttpRequest.Builder write(String path, String method, JsonNode fields) {
        String body = json.createObjectNode().set("job_schedule", fields).toString();
        return HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    /** An id or name as one path segment (URLEncoder writes a space as +, a path wants %20). */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).GET();
    }

    private int code(String body) {
        try {
            return json.readTree(body).path("code").asInt(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private JsonNode send(ScheduledApp app, HttpRequest.Builder request) throws AppCallException {
        HttpResponse<String> response = exchange(app, request);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AppCallException("the app's answer is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(ScheduledApp app, HttpRequest.Builder request) throws AppCallException {
        HttpRequest call = request.timeout(TIMEOUT)
            .header("X-Parse-Application-Id", app.applicationId())
            .header("X-Parse-Master-Key", app.masterKey())
            .build();
        HttpResponse<String> response;
        try {
            response = http.send(call, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AppCallException(call.method() + " " + call.uri().getPath() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppCallException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new AppCallException(call.method() + " " + call.uri().getPath() + " answered " + response.statusCode()
                + ": " + (body.length() > 300 ? body.substring(0, 300) : body), response.statusCode(), code(body));
        }
        return response;
    }
}
