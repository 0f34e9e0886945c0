package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reparse.controlplane.jobs.JobRunStore.JobRun;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the jobs API answers: schedules with their next run, runs with their {@code _JobStatus}, a started run. */
final class JobViews {
    private JobViews() {
    }

    /**
     * One schedule as the console lists it.
     *
     * @param nextRun null when it will not run again
     */
    @Schema(name = "JobSchedule", description = "One _JobSchedule row of the app, with its next run.")
    record ScheduleView(String objectId, String jobName, String description,
            @Schema(description = "the job's params: a JSON object, as text") String params,
            @Schema(description = "no run before it; a one-time schedule's run") Instant startAfter,
            @Schema(description = "seven 1/0 flags, Sunday first") List<Integer> daysOfWeek,
            @Schema(description = "HH:MM:SS, the first run of each day in the app's time zone; null for a one-time "
                + "schedule") String timeOfDay,
            @Schema(description = "0: runs once; 1 to 1440: again every so many minutes until the day ends")
            int repeatMinutes,
            @Schema(description = "null when it will not run again", nullable = true) Instant nextRun) {

        /** A row as the app returns it; an unreadable one is listed with why, and no next run. */
        static ScheduleView of(JsonNode row, ZoneId zone, Instant now) {
            try {
                JobSchedule schedule = JobSchedule.of(row);
                Instant next = new JobTimetable(schedule, zone).next(now).orElse(null);
                return new ScheduleView(schedule.objectId(), schedule.jobName(), row.path("description").asText(""),
                    schedule.params(), schedule.earliest(), schedule.dayFlags(),
                    schedule.repeats() ? schedule.timeOfDay().toString() : null, schedule.repeatMinutes(), next);
            } catch (IllegalArgumentException e) {
                return new ScheduleView(row.path("objectId").asText(""), row.path("jobName").asText(""),
                    "unreadable: " + e.getMessage(), null, null, List.of(), null, 0, null);
            }
        }
    }

    /**
     * One run the control plane started or tried to (a schedule's, or "Run now" with scheduleId {@code run-now}), with
     * what the app's {@code _JobStatus} row says of it once it was started.
     */
    @Schema(name = "JobRun")
    record RunView(@Schema(description = "the schedule's objectId; run-now for a run started by hand") String scheduleId,
            String jobName, Instant plannedAt,
            @Schema(enumeration = {"claimed", "started", "skipped", "missed", "failed"}) String outcome,
            String jobStatusId,
            @Schema(description = "why it was skipped, missed or failed to start", nullable = true) String message,
            @Schema(description = "the _JobStatus status: running, succeeded or failed; null when unknown",
                nullable = true) String status,
            @Schema(description = "the _JobStatus message (what the job reported, or its error)", nullable = true)
            String statusMessage,
            @Schema(nullable = true) Instant finishedAt,
            @Schema(description = "from start to finish, once finished", nullable = true) Long durationMs) {

        static RunView of(JobRun run, JsonNode status) {
            if (status == null) {
                return new RunView(run.scheduleId(), run.jobName(), run.plannedAt(), run.outcome(), run.jobStatusId(),
                    run.message(), null, null, null, null);
            }
            Instant started = instant(status.get("createdAt"));
            Instant finished = instant(status.get("finishedAt"));
            Long duration = started != null && finished != null ? Duration.between(started, finished).toMillis() : null;
            JsonNode message = status.get("message");
            return new RunView(run.scheduleId(), run.jobName(), run.plannedAt(), run.outcome(), run.jobStatusId(),
                run.message(), status.path("status").asText(null),
                message == null || message.isNull() ? null : message.isTextual() ? message.asText() : message.toString(),
                finished, duration);
        }

        private static Instant instant(JsonNode value) {
            if (value == null || value.isNull()) {
                return null;
            }
            try {
                return Instant.parse(value.isObject() ? value.path("iso").asText("") : value.asText(""));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * The app's schedules (read from the app; {@code schedulesError} says why when it cannot be read), the jobs its
     * Cloud Code defines, and its latest runs, newest first.
     */
    @Schema(name = "Jobs")
    record Jobs(String applicationId, String timeZone, List<ScheduleView> schedules,
            @Schema(nullable = true) String schedulesError,
            @Schema(description = "the job names the app's active Cloud Code defines (empty when unknown)")
            List<String> definedJobs,
            List<RunView> runs) {
    }

    /** A run started with "Run now". */
    @Schema(name = "JobStarted")
    record RunStarted(String jobName, @Schema(description = "the app's _JobStatus row for the run") String jobStatusId,
            Instant startedAt) {
    }
}
