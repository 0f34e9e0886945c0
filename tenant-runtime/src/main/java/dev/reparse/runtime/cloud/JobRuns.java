package dev.reparse.runtime.cloud;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.core.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Runs jobs in the background and keeps their {@code _JobStatus} (Parse Server's fields: {@code jobName},
 * {@code source}, {@code status} running/succeeded/failed, {@code message}, {@code finishedAt}), readable by
 * the master key only.
 */
final class JobRuns {
    private static final Logger LOG = Logger.getLogger(JobRuns.class);
    private static final String CLASS = "_JobStatus";

    private final ParseCore core;
    private final ExecutorService executor;
    private final Clock clock;

    JobRuns(ParseCore core, ExecutorService executor, Clock clock) {
        this.core = core;
        this.executor = executor;
        this.clock = clock;
    }

    /** Records the job as running, starts it, and answers its status id at once. */
    String start(CloudCode code, String name, Map<String, Object> params, Map<String, Object> request) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("jobName", name);
        status.put("source", "api");
        status.put("status", "running");
        status.put("ACL", Map.of());
        String jobId = String.valueOf(core.create(Auth.ofMaster(), CLASS, status).get("objectId"));
        Map<String, Object> call = new LinkedHashMap<>(request);
        call.put("params", params);
        call.put("jobId", jobId);
        call.put("master", true);
        RequestInfo info = RequestInfo.current();
        executor.execute(() -> info.during(() -> {
            run(code, name, jobId, call);
            return null;
        }));
        return jobId;
    }

    private void run(CloudCode code, String name, String jobId, Map<String, Object> call) {
        try {
            Object result = code.job(name, call);
            finish(jobId, "succeeded", result instanceof String message ? message : null);
        } catch (ParseException e) {
            finish(jobId, "failed", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s failed", name);
            finish(jobId, "failed", "Internal server error.");
        }
    }

    /** A progress message from the running job. */
    void message(String jobId, String message) {
        if (jobId == null || message == null) {
            return;
        }
        try {
            core.update(Auth.ofMaster(), CLASS, jobId, new LinkedHashMap<>(Map.of("message", message)));
        } catch (ParseException e) {
            LOG.debugf("job status %s not updated: %s", jobId, e.getMessage());
        }
    }

    private void finish(String jobId, String status, String message) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("status", status);
        update.put("finishedAt", ParseDates.encode(Instant.now(clock)));
        if (message != null) {
            update.put("message", message);
        }
        try {
            core.update(Auth.ofMaster(), CLASS, jobId, update);
        } catch (ParseException e) {
            LOG.warnf("job status %s not updated: %s", jobId, e.getMessage());
        }
    }

    static ParseException invalidJob() {
        return new ParseException(ParseErrorCode.SCRIPT_FAILED, "Invalid job.");
    }
}
