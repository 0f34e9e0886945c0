package dev.reparse.controlplane.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.apps.AppView;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.usage.RequestAnalytics;
import dev.reparse.protocol.ParseErrorCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An app's analytics for its owner (the console's charts, or the owner's own tools). Events: the app's runtime keeps them in
 * the app's database and answers its master key on {@code /events}; this reads them there, server side, so the master
 * key stays here. Parameters are passed on by name (others are refused), answers and Parse errors come back as the
 * runtime gave them. API requests ({@code /requests}, {@code /latency}): what the routers counted, stored here by the
 * usage poller ({@link RequestAnalytics}).
 */
@Path("/api/v1/apps/{applicationId}/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps")
final class AnalyticsResource {
    private static final List<String> NAMES_PARAMS = List.of("from", "to");
    private static final List<String> SERIES_PARAMS = List.of("from", "to", "interval", "dimensions", "groupBy", "distinct");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final CallerAuthenticator authenticator;
    private final AppService apps;
    private final ObjectMapper json;
    private final Optional<URI> api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RequestAnalytics requests;

    AnalyticsResource(CallerAuthenticator authenticator, AppService apps, ControlPlaneConfig config, ObjectMapper json,
            RequestAnalytics requests) {
        this.authenticator = authenticator;
        this.apps = apps;
        this.json = json;
        this.requests = requests;
        this.api = config.router().url().map(router -> URI.create(router.toString().replaceAll("/+$", "") + "/parse/"));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Analytics: event names", description = "Each event name the app recorded in [from, to) "
        + "(ISO dates; default the last 7 days) with its count: {from, to, results: [{name, count}]}.")
    public Uni<Response> names(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @Context UriInfo uri) {
        return read(caller, applicationId, "events", uri, NAMES_PARAMS);
    }

    @GET
    @Path("/events/{name}")
    @Operation(summary = "Analytics: one event over time", description = "Counts of the event per hour or day "
        + "(interval=hour|day, zero-filled, UTC) in [from, to), of the events whose dimensions include dimensions "
        + "(a JSON object), split by one dimension (groupBy: one point per time and value), or distinct=senders: "
        + "distinct installations (else users) per day. AppOpened is the SDKs' app-open event.")
    public Uni<Response> series(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @PathParam("name") String name, @Context UriInfo uri) {
        return read(caller, applicationId, "events/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
            uri, SERIES_PARAMS);
    }

    @GET
    @Path("/requests")
    @Operation(summary = "Analytics: API requests over time", description = "Requests the routers forwarded to the "
        + "app and saw finish, per hour or day (interval=hour|day, zero-filled, UTC) in [from, to) (ISO dates; default "
        + "the last 7 days): {from, to, results: [{time, count}]}, or split by groupBy=operation|class|status|sdk "
        + "({time, value, count} for every value seen in the range); groupBy=status adds the value limited: requests "
        + "refused over the app's request limit. 400 code 102 for a bad parameter.")
    public Uni<Map<String, Object>> requests(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("interval") String interval,
            @QueryParam("groupBy") String groupBy) {
        RequestAnalytics.Query query = requests.requestsQuery(from, to, interval, groupBy);
        return authenticator.require(caller.credentials())
            .flatMap(account -> apps.get(account, applicationId))
            .flatMap(app -> requests.requests(applicationId, query));
    }

    @GET
    @Path("/latency")
    @Operation(summary = "Analytics: API latency percentiles", description = "Per operation (or only ?operation=), "
        + "the requests timed in [from, to) and their p50/p95/p99 in milliseconds, from the routers' summed log-scale "
        + "histograms (each the upper bound of its bucket, about 41% wide): {from, to, results: [{operation, count, "
        + "p50, p95, p99}]}. Latency is from the request's head reaching the router to the answer's end leaving it.")
    public Uni<Map<String, Object>> latency(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("operation") String operation) {
        RequestAnalytics.Query query = requests.latencyQuery(from, to, operation);
        return authenticator.require(caller.credentials())
            .flatMap(account -> apps.get(account, applicationId))
            .flatMap(app -> requests.latency(applicationId, query));
    }

    private Uni<Response> read(CallerHeaders caller, String applicationId, String path, UriInfo uri, List<String> allowed) {
        return authenticator.require(caller.credentials())
            .flatMap(account -> apps.get(account, applicationId))
            .emitOn(Infrastructure.getDefaultWorkerPool())
            .map(app -> call(app, path + query(uri, allowed)));
    }

    /** The query passed on: only the parameters the runtime's route takes. */
    private static String query(UriInfo uri, List<String> allowed) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String param : uri.getQueryParameters().keySet()) {
            if (!allowed.contains(param)) {
                throw ApiException.invalid(ParseErrorCode.INVALID_QUERY, "unknown parameter " + param + "; this "
                    + "takes " + String.join(", ", allowed));
            }
            query.add(param + "=" + URLEncoder.encode(uri.getQueryParameters().getFirst(param), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private Response call(AppView app, String pathAndQuery) {
        URI base = api.orElseThrow(() -> unavailable("no router is configured"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
            .header("X-Parse-Application-Id", app.applicationId())
            .header("X-Parse-Master-Key", app.masterKey())
            .GET().build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (IOException e) {
            throw unavailable("its answer is not JSON");
        }
        if (answer.statusCode() >= 500 || answer.statusCode() == 403 && !body.has("code")) {
            throw unavailable(body.path("error").asText("HTTP " + answer.statusCode()));
        }
        return Response.status(answer.statusCode()).entity(body).build();
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, ParseErrorCode.INTERNAL_SERVER_ERROR, "The app's analytics cannot be read now ("
            + why + "); try again shortly.");
    }
}
