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
        AppCallException(String message) {
            super(message, null, false, false);
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
        HttpRequest.Builder post = HttpRequest.newBuilder(api.resolve("jobs/" + URLEncoder.encode(jobName,
                StandardCharsets.UTF_8).replace("+", "%20")))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(params));
        HttpResponse<String> response = exchange(app, post);
        return response.headers().firstValue("X-Parse-Job-Status-Id").orElse(null);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).GET();
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
                + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
        }
        return response;
    }
}
