package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.secrets.KeySeal;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.jobs.AppJobsClient.AppCallException;
import dev.reparse.controlplane.jobs.JobRunStore.JobRun;
import dev.reparse.controlplane.jobs.JobRunStore.ScheduledApp;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An app's scheduled jobs as the console shows them: each schedule with its next run, and the latest runs. */
@Path("/api/v1/apps/{applicationId}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps")
final class JobsResource {
    private static final int RECENT_RUNS = 50;
    private final CallerAuthenticator authenticator;
    private final AppService apps;
    private final JobRunStore store;
    private final AppJobsClient client;
    private final Clock clock;

    JobsResource(CallerAuthenticator authenticator, AppService apps, DataSource database, ControlPlaneConfig config,
            ObjectMapper json, Clock clock, KeySeal seal) {
        this.authenticator = authenticator;
        this.apps = apps;
        this.store = new JobRunStore(database, seal);
        this.client = JobsStartup.apiUrl(config).map(api -> new AppJobsClient(api, json)).orElse(null);
        this.clock = clock;
    }

    /**
     * One schedule as the console lists it.
     *
     * @param nextRun null when it will not run again
     */
    record ScheduleView(String objectId, String jobName, String description, String params, Instant startAfter,
            List<Integer> daysOfWeek, String timeOfDay, int repeatMinutes, Instant nextRun) {
    }

    /**
     * The app's schedules (read from the app; {@code schedulesError} says why when it cannot be read) and its latest
     * scheduled runs, newest first.
     */
    record Jobs(String applicationId, String timeZone, List<ScheduleView> schedules, String schedulesError,
            List<JobRun> runs) {
    }

    @GET
    @Operation(summary = "Scheduled jobs", description = "The app's _JobSchedule rows with their next run, and its latest scheduled runs.")
    public Uni<Jobs> jobs(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId) {
        return authenticator.require(caller.credentials())
            .flatMap(account -> apps.get(account, applicationId))
            // the app's API and the job rows are read with blocking clients, off the event loop
            .emitOn(Infrastructure.getDefaultWorkerPool())
            .map(view -> read(applicationId));
    }

    private Jobs read(String applicationId) {
        try {
            ScheduledApp app = store.app(applicationId).orElseThrow(ApiException::appNotFound);
            List<ScheduleView> schedules = new ArrayList<>();
            String error = null;
            try {
                schedules = schedules(app);
            } catch (AppCallException e) {
                error = "The app's schedules cannot be read now: " + e.getMessage();
            }
            return new Jobs(applicationId, app.zone().getId(), schedules, error, store.recent(applicationId, RECENT_RUNS));
        } catch (SQLException e) {
            throw new IllegalStateException("job runs cannot be read", e);
        }
    }

    private List<ScheduleView> schedules(ScheduledApp app) throws AppCallException {
        if (client == null) {
            throw new AppCallException("no router is configured");
        }
        Instant now = clock.instant();
        List<ScheduleView> views = new ArrayList<>();
        for (JsonNode row : client.schedules(app)) {
            try {
                JobSchedule schedule = JobSchedule.of(row);
                Instant next = new JobTimetable(schedule, app.zone()).next(now).orElse(null);
                views.add(new ScheduleView(schedule.objectId(), schedule.jobName(), row.path("description").asText(""),
                    schedule.params(), schedule.earliest(), schedule.dayFlags(),
                    schedule.repeats() ? schedule.timeOfDay().toString() : null, schedule.repeatMinutes(), next));
            } catch (IllegalArgumentException e) {
                views.add(new ScheduleView(row.path("objectId").asText(""), row.path("jobName").asText(""),
                    "unreadable: " + e.getMessage(), null, null, List.of(), null, 0, null));
            }
        }
        return views;
    }
}
