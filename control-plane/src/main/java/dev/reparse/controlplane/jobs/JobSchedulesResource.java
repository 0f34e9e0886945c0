package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.jobs.JobViews.ScheduleView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Writes an app's job schedules (its {@code _JobSchedule} rows, in Parse Dashboard's format) through the app's API;
 * the scheduler reads them again at its next tick.
 */
@Path("/api/v1/apps/{applicationId}/jobs/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Apps")
final class JobSchedulesResource {
    private static final String FIELDS = "Fields: jobName (a job the app's Cloud Code defines; else 400 code 142), "
        + "description, params (a JSON object, or its text), startAfter (ISO 8601; no run before it, the one run of a "
        + "schedule that does not repeat), daysOfWeek (seven 1/0 flags, Sunday first), timeOfDay (HH:MM:SS, the first "
        + "run each day in the app's time zone), repeatMinutes (0: once; 1 to 1440). A field of the wrong type: 400 "
        + "code 111; a bad value: 400 code 142; an unknown field: 400 code 105; the app's runtime not answering: 503 "
        + "code 1.";
    private final JobsService jobs;
    private final ObjectMapper json;

    JobSchedulesResource(JobsService jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    @POST
    @Operation(summary = "Schedule a job", description = "Writes a _JobSchedule row; without startAfter it starts now. "
        + FIELDS)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "201", description = "the schedule as stored, with its next run",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "the schedule is refused; the error says why")
    public Uni<Response> create(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            String body) {
        return jobs.owned(caller, applicationId,
                (account, app) -> jobs.create(app, ScheduleRequest.of(JobsResource.parse(json, body), true)))
            .map(schedule -> Response.status(201).entity(schedule).build());
    }

    @PUT
    @Path("/{objectId}")
    @Operation(summary = "Change a job schedule", description = "Changes the fields the body sets; 404 code 101 for a "
        + "schedule the app does not have. " + FIELDS)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "200", description = "the schedule as stored, with its next run",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    public Uni<ScheduleView> update(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @PathParam("objectId") String objectId, String body) {
        return jobs.owned(caller, applicationId,
            (account, app) -> jobs.update(app, objectId, ScheduleRequest.of(JobsResource.parse(json, body), false)));
    }

    @DELETE
    @Path("/{objectId}")
    @Operation(summary = "Delete a job schedule", description = "It runs no more (a run already started goes on); 404 "
        + "code 101 for a schedule the app does not have.")
    @APIResponse(responseCode = "200", description = "deleted: {}")
    public Uni<Map<String, Object>> delete(@BeanParam CallerHeaders caller,
            @PathParam("applicationId") String applicationId, @PathParam("objectId") String objectId) {
        return jobs.owned(caller, applicationId, (account, app) -> {
            jobs.delete(app, objectId);
            return Map.of();
        });
    }
}
