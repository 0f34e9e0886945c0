package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig.CatchUp;
import dev.reparse.controlplane.jobs.AppJobsClient.AppCallException;
import dev.reparse.controlplane.jobs.JobRunStore.ScheduledApp;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs apps' scheduled jobs, one tick at a time: the replica holding the lease reads each ready app's
 * {@code _JobSchedule}, works out the run due now (missed ones collapse into one), claims it with a {@code job_run}
 * row (the claim is what makes a run happen once across replicas and restarts, even when two replicas briefly both
 * think they lead), then starts it unless the app already runs as many jobs as it may.
 */
final class JobScheduler {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class);
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    private final JobRunStore store;
    private final AppJobsClient apps;
    private final Clock clock;
    private final Settings settings;
    private final String instance;
    private final ObjectMapper json;
    private Instant lastForget = Instant.MIN;

    /**
     * @param tick how often {@link #tick} is called; the lease lasts three ticks
     * @param maxConcurrentPerApp a due run while this many of the app's jobs run is skipped
     * @param catchUp whether a run missed while no scheduler ran is run late (once) or recorded as missed
     * @param runningWindow how far back a {@code _JobStatus} row still counts as running (longer than the job timeout,
     *     so a row a crashed runtime left "running" stops blocking the app)
     * @param history how long claimed runs are kept (each schedule's latest always is)
     */
    record Settings(Duration tick, int maxConcurrentPerApp, CatchUp catchUp, Duration runningWindow, Duration history) {
    }

    JobScheduler(JobRunStore store, AppJobsClient apps, Clock clock, Settings settings, String instance,
            ObjectMapper json) {
        this.store = store;
        this.apps = apps;
        this.clock = clock;
        this.settings = settings;
        this.instance = instance;
        this.json = json;
    }

    /** Renews (or takes) the lease and, when this replica holds it, runs what is due; never throws. */
    void tick() {
        Instant now = clock.instant();
        try {
            if (store.lease(instance, now, settings.tick().multipliedBy(3))) {
                runDue(now);
                forgetOldRuns(now);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "job scheduler tick failed");
        }
    }

    private void forgetOldRuns(Instant now) throws SQLException {
        if (lastForget.isAfter(now.minus(FORGET_EVERY))) {
            return;
        }
        lastForget = now;
        int forgotten = store.forget(now.minus(settings.history()));
        if (forgotten > 0) {
            LOG.debugf("forgot %d scheduled runs older than %s", forgotten, settings.history());
        }
    }

    /** Gives the lease up (shutdown), so another replica takes over at its next tick. */
    void release() {
        try {
            store.release(instance);
        } catch (SQLException e) {
            // local mode stops its PostgreSQL first; the lease then simply runs out
            LOG.debugf("could not release the job scheduler lease: %s", e.getMessage());
        }
    }

    /** Runs every app's due runs, as the lease holder; one app's failure does not stop the others. */
    void runDue(Instant now) throws SQLException {
        for (ScheduledApp app : store.apps()) {
            try {
                runDue(app, now);
            } catch (AppCallException e) {
                LOG.debugf("app %s: schedules not read: %s", app.applicationId(), e.getMessage());
            }
        }
    }

    private void runDue(ScheduledApp app, Instant now) throws SQLException, AppCallException {
        List<JobSchedule> schedules = schedules(app);
        if (schedules.isEmpty()) {
            return;
        }
        Map<String, Instant> last = store.lastPlanned(app.applicationId());
        for (JobSchedule schedule : schedules) {
            Optional<Instant> due = new JobTimetable(schedule, app.zone()).due(last.get(schedule.objectId()), now);
            if (due.isPresent() && store.claim(app.applicationId(), schedule, due.get(), instance, now)) {
                run(app, schedule, due.get(), now);
            }
        }
    }

    private List<JobSchedule> schedules(ScheduledApp app) throws AppCallException {
        List<JobSchedule> schedules = new ArrayList<>();
        for (JsonNode row : apps.schedules(app)) {
            try {
                schedules.add(JobSchedule.of(row));
            } catch (IllegalArgumentException e) {
                LOG.debugf("app %s: %s", app.applicationId(), e.getMessage());
            }
        }
        return schedules;
    }

    /** Starts a claimed run, or records why it did not start. */
    private void run(ScheduledApp app, JobSchedule schedule, Instant planned, Instant now) throws SQLException {
        String outcome;
        String statusId = null;
        String message = null;
        try {
            if (settings.catchUp() == CatchUp.SKIP && planned.isBefore(now.minus(settings.tick().multipliedBy(2)))) {
                outcome = "missed";
                message = "planned while no scheduler ran (reparse.jobs.catch-up=skip)";
            } else if (apps.running(app, now.minus(settings.runningWindow())) >= settings.maxConcurrentPerApp()) {
                outcome = "skipped";
                message = "the app already runs " + settings.maxConcurrentPerApp() + " job(s), its limit";
            } else {
                statusId = apps.start(app, schedule.jobName(), params(schedule));
                outcome = "started";
            }
        } catch (AppCallException | IllegalArgumentException e) {
            outcome = "failed";
            message = e.getMessage();
        }
        store.record(app.applicationId(), schedule.objectId(), planned, outcome, statusId, message);
        LOG.infof("app %s: job %s planned at %s %s%s", app.applicationId(), schedule.jobName(), planned, outcome,
            message == null ? "" : " (" + message + ")");
    }

    private String params(JobSchedule schedule) {
        try {
            JsonNode params = json.readTree(schedule.params());
            if (params == null || !params.isObject()) {
                throw new IllegalArgumentException("the schedule's params are not a JSON object");
            }
            return params.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("the schedule's params are not JSON: " + e.getMessage());
        }
    }
}
