package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.jobs.AppJobsClient.AppCallException;
import dev.reparse.controlplane.jobs.JobRunStore.JobRun;
import dev.reparse.controlplane.jobs.JobRunStore.ScheduledApp;
import dev.reparse.controlplane.jobs.JobViews.Jobs;
import dev.reparse.controlplane.jobs.JobViews.RunStarted;
import dev.reparse.controlplane.jobs.JobViews.RunView;
import dev.reparse.controlplane.jobs.JobViews.ScheduleView;
import dev.reparse.controlplane.secrets.KeySeal;
import dev.reparse.protocol.ParseErrorCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * An app's jobs as its owner manages them: lists schedules and runs, writes {@code _JobSchedule} rows through the
 * app's own API (with its master key, server side), and starts a job now the way the scheduler does. Transport-free
 * but for the Parse errors it throws; every method runs off the event loop (its clients block).
 */
@Singleton
final class JobsService {
    private static final Logger LOG = Logger.getLogger(JobsService.class);
    private static final int RECENT_RUNS = 50;
    private final CallerAuthenticator authenticator;
    private final AppService apps;
    private final JobRunStore store;
    private final AppJobsClient client;
    private final ControlPlaneConfig.Jobs settings;
    private final Clock clock;

    JobsService(CallerAuthenticator authenticator, AppService apps, DataSource database, ControlPlaneConfig config,
            ObjectMapper json, Clock clock, KeySeal seal) {
        this.authenticator = authenticator;
        this.apps = apps;
        this.store = new JobRunStore(database, seal);
        this.client = JobsStartup.apiUrl(config).map(api -> new AppJobsClient(api, json)).orElse(null);
        this.settings = config.jobs();
        this.clock = clock;
    }

    /** The caller, owning the app (404 code 101 otherwise), then {@code work} on a worker thread. */
    <T> Uni<T> owned(CallerHeaders caller, String applicationId, Work<T> work) {
        return authenticator.require(caller.credentials())
            .flatMap(account -> apps.get(account, applicationId).map(view -> account))
            .emitOn(Infrastructure.getDefaultWorkerPool())
            .map(account -> {
                try {
                    ScheduledApp app = store.app(applicationId).orElseThrow(ApiException::appNotFound);
                    return work.on(account, app);
                } catch (SQLException e) {
                    throw new IllegalStateException("job runs cannot be read or written", e);
                }
            });
    }

    /** What runs on the app once the caller is known to own it. */
    @FunctionalInterface
    interface Work<T> {
        T on(Account caller, ScheduledApp app) throws SQLException;
    }

    /** The app's schedules with their next run, its defined jobs, and its latest runs with their status. */
    Jobs read(ScheduledApp app) throws SQLException {
        List<ScheduleView> schedules = List.of();
        String error = null;
        List<String> defined = List.of();
        try {
            Instant now = clock.instant();
            schedules = require().schedules(app).stream().map(row -> ScheduleView.of(row, app.zone(), now)).toList();
        } catch (AppCallException e) {
            error = "The app's schedules cannot be read now: " + e.getMessage();
        }
        if (error == null) {
            try {
                defined = client.definedJobs(app);
            } catch (AppCallException e) {
                LOG.debugf("app %s: defined jobs not read: %s", app.applicationId(), e.getMessage());
            }
        }
        return new Jobs(app.applicationId(), app.zone().getId(), schedules, error, defined,
            withStatus(app, store.recent(app.applicationId(), RECENT_RUNS)));
    }

    /** Each run with its {@code _JobStatus} row when the app still has it and answers; bare otherwise. */
    private List<RunView> withStatus(ScheduledApp app, List<JobRun> runs) {
        Map<String, JsonNode> statuses = new HashMap<>();
        List<String> ids = runs.stream().map(JobRun::jobStatusId).filter(Objects::nonNull).distinct().toList();
        if (client != null && !ids.isEmpty()) {
            try {
                client.statuses(app, ids).forEach(row -> statuses.put(row.path("objectId").asText(), row));
            } catch (AppCallException e) {
                LOG.debugf("app %s: job statuses not read: %s", app.applicationId(), e.getMessage());
            }
        }
        return runs.stream().map(run -> RunView.of(run, run.jobStatusId() == null ? null : statuses.get(run.jobStatusId())))
            .toList();
    }

    /** Writes a new schedule for a job the app defines; the schedule as the app stored it. */
    ScheduleView create(ScheduledApp app, ScheduleRequest request) {
        try {
            request.requireDefined(require().definedJobs(app));
            String objectId = client.createSchedule(app, request.fields());
            return ScheduleView.of(client.schedule(app, objectId), app.zone(), clock.instant());
        } catch (AppCallException e) {
            throw refusal(e);
        }
    }

    /** Changes the fields the request sets; 404 code 101 for a schedule the app does not have. */
    ScheduleView update(ScheduledApp app, String objectId, ScheduleRequest request) {
        try {
            require().schedule(app, objectId);
            if (request.jobName().isPresent()) {
                request.requireDefined(client.definedJobs(app));
            }
            if (!request.fields().isEmpty()) {
                client.updateSchedule(app, objectId, request.fields());
            }
            return ScheduleView.of(client.schedule(app, objectId), app.zone(), clock.instant());
        } catch (AppCallException e) {
            throw refusal(e);
        }
    }

    /** Deletes a schedule; 404 code 101 for one the app does not have. Runs already started go on. */
    void delete(ScheduledApp app, String objectId) {
        try {
            require().schedule(app, objectId);
            client.deleteSchedule(app, objectId);
        } catch (AppCallException e) {
            throw refusal(e);
        }
    }

    /**
     * Starts a job the app defines now, as the scheduler starts a due run (its {@code POST /jobs/:name}, under the same
     * concurrency limit: 429 code 155 while the app runs as many jobs as it may), and records the run.
     */
    RunStarted runNow(Account caller, ScheduledApp app, String jobName, String params) throws SQLException {
        Instant now = clock.instant();
        try {
            if (!require().definedJobs(app).contains(jobName)) {
                throw new ApiException(404, ParseErrorCode.SCRIPT_FAILED, "Invalid job: the app's Cloud Code defines no "
                    + "job " + jobName + ".");
            }
            long running = client.running(app, now.minus(settings.runningWindow()));
            if (running >= settings.maxConcurrentPerApp()) {
                throw new ApiException(429, ParseErrorCode.REQUEST_LIMIT_EXCEEDED, "The app already runs " + running
                    + " job(s), its limit of " + settings.maxConcurrentPerApp() + "; try again once it finishes.");
            }
        } catch (AppCallException e) {
            throw refusal(e);
        }
        try {
            String statusId = client.start(app, jobName, params);
            store.recordRunNow(app.applicationId(), jobName, now, "run-now by " + caller.email, "started", statusId, null);
            LOG.infof("app %s: job %s run now by %s", app.applicationId(), jobName, caller.email);
            return new RunStarted(jobName, statusId, now);
        } catch (AppCallException e) {
            store.recordRunNow(app.applicationId(), jobName, now, "run-now by " + caller.email, "failed", null,
                e.getMessage());
            throw refusal(e);
        }
    }

    private AppJobsClient require() throws AppCallException {
        if (client == null) {
            throw new AppCallException("no router is configured (reparse.router.url or reparse.jobs.api-url)");
        }
        return client;
    }

    /** The app's answer as the caller's: its 404 a missing schedule, its other refusals relayed, no answer a 503. */
    private static ApiException refusal(AppCallException e) {
        if (e.status() == 404 && e.code() == ParseErrorCode.OBJECT_NOT_FOUND) {
            return new ApiException(404, ParseErrorCode.OBJECT_NOT_FOUND, "Schedule not found.");
        }
        if (e.status() == 400 && e.code() != 0) {
            return ApiException.invalid(e.code(), "The app refused: " + e.getMessage());
        }
        return new ApiException(503, ParseErrorCode.INTERNAL_SERVER_ERROR, "The app's runtime cannot be reached now: "
            + e.getMessage());
    }
}
