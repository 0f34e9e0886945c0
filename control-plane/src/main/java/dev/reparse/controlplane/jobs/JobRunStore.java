package dev.reparse.controlplane.jobs;

import dev.reparse.controlplane.secrets.KeySeal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The scheduler's rows in PostgreSQL, over plain JDBC (the scheduler runs on its own virtual thread): the replica
 * lease, the apps to scan, and one {@code job_run} row per planned run whose insert is the claim.
 */
final class JobRunStore {
    private static final Logger LOG = Logger.getLogger(JobRunStore.class);
    private static final ZoneId UTC = ZoneId.of("UTC");
    // an app without Cloud Code has no job to run: its schedules are not read (nor metered, nor in its request log)
    private static final String APPS = """
        select a.application_id, a.master_key, a.time_zone from app a
        join app_status s on s.application_id = a.application_id
        where not a.deleted and s.ready and a.cloud_code_version is not null order by a.application_id""";
    private static final String LAST_PLANNED = """
        select schedule_id, max(planned_at) from job_run where application_id = ? group by schedule_id""";
    private static final String CLAIM = """
        insert into job_run (application_id, schedule_id, planned_at, job_name, claimed_by, claimed_at, outcome)
        values (?, ?, ?, ?, ?, ?, 'claimed') on conflict do nothing""";
    private static final String RECORD = """
        update job_run set outcome = ?, job_status_id = ?, message = ?
        where application_id = ? and schedule_id = ? and planned_at = ?""";
    private static final String LEASE = """
        update job_scheduler_lease set holder = ?, expires_at = ? where id = 1 and (holder = ? or expires_at < ?)""";
    private static final String RELEASE = """
        update job_scheduler_lease set expires_at = timestamptz '1970-01-01 00:00:00+00' where id = 1 and holder = ?""";
    private static final String RECENT = """
        select schedule_id, job_name, planned_at, outcome, job_status_id, message from job_run
        where application_id = ? order by planned_at desc limit ?""";
    // the latest run of each schedule stays: it is what keeps a one-time schedule from running again
    private static final String FORGET = """
        delete from job_run r where r.planned_at < ? and exists (select 1 from job_run later
          where later.application_id = r.application_id and later.schedule_id = r.schedule_id
          and later.planned_at > r.planned_at)""";
    private static final String RUN_NOW_RECORD = """
        insert into job_run (application_id, schedule_id, planned_at, job_name, claimed_by, claimed_at, outcome,
          job_status_id, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";
    /** The schedule id of runs started with "Run now" (objectIds are alphanumeric, so never this). */
    static final String RUN_NOW = "run-now";
    private final DataSource database;
    private final KeySeal seal;

    JobRunStore(DataSource database, KeySeal seal) {
        this.database = database;
        this.seal = seal;
    }

    /** An app whose schedules are run. */
    record ScheduledApp(String applicationId, String masterKey, ZoneId zone) {
        @Override
        public String toString() {
            return "ScheduledApp[" + applicationId + ", " + zone + "]";
        }
    }

    /** One claimed run and what became of it. */
    record JobRun(String scheduleId, String jobName, Instant plannedAt, String outcome, String jobStatusId,
            String message) {
    }

    /** Takes or renews the lease until {@code now + duration}; false while another replica holds it. */
    boolean lease(String holder, Instant now, Duration duration) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(LEASE)) {
            s.setString(1, holder);
            s.setTimestamp(2, Timestamp.from(now.plus(duration)));
            s.setString(3, holder);
            s.setTimestamp(4, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /** Gives the lease up at once (a replica shutting down), so another takes over on its next tick. */
    void release(String holder) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(RELEASE)) {
            s.setString(1, holder);
            s.executeUpdate();
        }
    }

    /** Every live, ready app with its master key and time zone (UTC when none is set or it is unknown). */
    List<ScheduledApp> apps() throws SQLException {
        List<ScheduledApp> apps = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(APPS);
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                apps.add(new ScheduledApp(rows.getString(1), seal.open(rows.getString(2)), zone(rows.getString(1), rows.getString(3))));
            }
        }
        return apps;
    }

    private static ZoneId zone(String applicationId, String zone) {
        if (zone == null || zone.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            LOG.warnf("app %s has an unknown time zone %s; its schedules run in UTC", applicationId, zone);
            return UTC;
        }
    }

    /** One live app's key and zone, whether or not it is ready. */
    Optional<ScheduledApp> app(String applicationId) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "select application_id, master_key, time_zone from app where application_id = ? and not deleted")) {
            s.setString(1, applicationId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(new ScheduledApp(rows.getString(1), seal.open(rows.getString(2)),
                    zone(rows.getString(1), rows.getString(3)))) : Optional.empty();
            }
        }
    }

    /** The latest planned run of each of the app's schedules that has one. */
    Map<String, Instant> lastPlanned(String applicationId) throws SQLException {
        Map<String, Instant> last = new HashMap<>();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(LAST_PLANNED)) {
            s.setString(1, applicationId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    last.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
        }
        return last;
    }

    /** Claims a planned run; false when a replica (or an earlier life of this one) already has. */
    boolean claim(String applicationId, JobSchedule schedule, Instant plannedAt, String holder, Instant now)
            throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setString(1, applicationId);
            s.setString(2, schedule.objectId());
            s.setTimestamp(3, Timestamp.from(plannedAt));
            s.setString(4, schedule.jobName());
            s.setString(5, holder);
            s.setTimestamp(6, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /** Records what became of a claimed run. */
    void record(String applicationId, String scheduleId, Instant plannedAt, String outcome, String jobStatusId,
            String message) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(RECORD)) {
            s.setString(1, outcome);
            s.setString(2, jobStatusId);
            s.setString(3, message == null || message.length() <= 1000 ? message : message.substring(0, 1000));
            s.setString(4, applicationId);
            s.setString(5, scheduleId);
            s.setTimestamp(6, Timestamp.from(plannedAt));
            s.executeUpdate();
        }
    }

    /** Records a run started (or not) with "Run now" at {@code at}; false when one is already recorded at that instant. */
    boolean recordRunNow(String applicationId, String jobName, Instant at, String by, String outcome, String jobStatusId,
            String message) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(RUN_NOW_RECORD)) {
            s.setString(1, applicationId);
            s.setString(2, RUN_NOW);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, jobName);
            s.setString(5, by.length() <= 128 ? by : by.substring(0, 128));
            s.setTimestamp(6, Timestamp.from(at));
            s.setString(7, outcome);
            s.setString(8, jobStatusId);
            s.setString(9, message == null || message.length() <= 1000 ? message : message.substring(0, 1000));
            return s.executeUpdate() == 1;
        }
    }

    /** Forgets runs planned before {@code before}, except each schedule's latest; how many went. */
    int forget(Instant before) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(FORGET)) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
        }
    }

    /** The app's latest claimed runs, newest first. */
    List<JobRun> recent(String applicationId, int limit) throws SQLException {
        List<JobRun> runs = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(RECENT)) {
            s.setString(1, applicationId);
            s.setInt(2, limit);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    runs.add(new JobRun(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                        rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return runs;
    }
}
