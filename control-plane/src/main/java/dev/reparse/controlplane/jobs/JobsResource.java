package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.jobs.JobViews.Jobs;
import dev.reparse.controlplane.jobs.JobViews.RunStarted;
import dev.reparse.protocol.ParseErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An app's jobs as the console shows them (schedules with their next run, the latest runs), and "Run now". */
@Path("/api/v1/apps/{applicationId}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps")
final class JobsResource {
    private final JobsService jobs;
    private final ObjectMapper json;

    JobsResource(JobsService jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    @GET
    @Operation(summary = "Scheduled jobs", description = "The app's _JobSchedule rows with their next run, the jobs its "
        + "Cloud Code defines, and its latest runs (scheduled or run now) with their _JobStatus: status, message, "
        + "duration.")
    @APIResponse(responseCode = "200", description = "the app's jobs",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Jobs.class)))
    public Uni<Jobs> jobs(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return jobs.owned(caller, applicationId, (account, app) -> jobs.read(app));
    }

    @POST
    @Path("/{jobName}/run")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Run a job now",
        description = "Starts a job the app's Cloud Code defines, as the scheduler starts a due run (the app's POST "
            + "/jobs/{jobName} with its master key, server side). The optional body {\"params\": {...}} (an object or "
            + "its JSON text) is what the job gets; other fields: 400 code 105. 404 code 141: the code defines no such "
            + "job; 429 code 155: the app already runs reparse.jobs.max-concurrent-per-app jobs; 503 code 1: the app's "
            + "runtime does not answer. The run is listed with the others (scheduleId run-now).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "201", description = "the run started; its _JobStatus id",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunStarted.class)))
    public Uni<Response> run(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @PathParam("jobName") String jobName, String body) {
        return jobs.owned(caller, applicationId,
                (account, app) -> jobs.runNow(account, app, jobName, ScheduleRequest.runParams(parse(json, body))))
            .map(started -> Response.status(201).entity(started).build());
    }

    /** The body as JSON; none is null; anything unreadable is 400 code 107. */
    static JsonNode parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(ParseErrorCode.INVALID_JSON, "invalid JSON");
        }
    }
}
