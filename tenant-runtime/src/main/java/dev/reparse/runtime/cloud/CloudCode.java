package dev.reparse.runtime.cloud;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Calls into the app's code: one runner for requests (functions and triggers) and, started on the first job,
 * one for jobs, so a long job never holds up a request nor is cut off by a request's time limit. Turns the
 * runner's answers and failures into Parse errors.
 */
final class CloudCode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CloudCode.class);
    private static final int LOGGED_CHARS = 1000;

    private final CloudConfig config;
    private final RunnerSlot requests;
    private final java.util.function.Supplier<RunnerSlot> jobsFactory;
    private final ScriptLog log;
    private static final Duration JOBS_IDLE = Duration.ofSeconds(60);

    private volatile RunnerSlot jobs;
    private final java.util.concurrent.atomic.AtomicInteger runningJobs = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastJobEnded = System.nanoTime();

    CloudCode(CloudConfig config, RunnerSlot requests, java.util.function.Supplier<RunnerSlot> jobsFactory,
            ScriptLog log) {
        this.config = config;
        this.requests = requests;
        this.jobsFactory = jobsFactory;
        this.log = log;
    }

    Manifest manifest() {
        return requests.manifest();
    }

    /** Whether a call for this function should go to the runner: registered there, or the runner is not up yet. */
    boolean mayHaveFunction(String name) {
        Manifest manifest = requests.manifest();
        return manifest.functions().contains(name) || manifest == Manifest.EMPTY && requests.codePresent();
    }

    /** Whether a job of this name may be run: registered, or the code is there but its runner not up yet. */
    boolean mayHaveJob(String name) {
        Manifest manifest = requests.manifest();
        return manifest.jobs().contains(name) || manifest == Manifest.EMPTY && requests.codePresent();
    }

    boolean hasTrigger(String triggerName, String className) {
        return requests.manifest().hasTrigger(triggerName, className);
    }

    /** Runs a function; answers its encoded result (null for none). */
    Object function(String name, Map<String, Object> request, String userId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("kind", "function");
        message.put("name", name);
        message.put("request", request);
        try {
            Object value = outcome(requests, message, config.functionTimeout(), "function " + name);
            logRun(name, userId, request.get("params"), "Result", value, "info");
            return value;
        } catch (ParseException e) {
            logRun(name, userId, request.get("params"), "Error", Map.of("code", e.code(), "message", e.getMessage()),
                    "error");
            throw e;
        }
    }

    /** Runs a trigger; answers what it returned (for beforeSave/beforeFind/afterFind), or null. */
    Object trigger(String triggerName, String className, Map<String, Object> request) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("kind", "trigger");
        message.put("triggerName", triggerName);
        message.put("className", className);
        message.put("request", request);
        return outcome(requests, message, config.triggerTimeout(), triggerName + " trigger of " + className);
    }

    /** Runs a job to its end on the jobs runner; answers its result message, if a string. */
    Object job(String name, Map<String, Object> request) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("kind", "job");
        message.put("name", name);
        message.put("request", request);
        RunnerSlot slot;
        synchronized (this) {
            if (jobs == null) {
                jobs = jobsFactory.get();
            }
            slot = jobs;
            runningJobs.incrementAndGet();
        }
        try {
            return outcome(slot, message, config.jobTimeout(), "job " + name);
        } finally {
            lastJobEnded = System.nanoTime();
            runningJobs.decrementAndGet();
        }
    }

    /** The jobs runner is stopped after a minute without jobs: most apps run jobs rarely. */
    private void stopIdleJobsRunner() {
        RunnerSlot idle = null;
        synchronized (this) {
            if (jobs != null && runningJobs.get() == 0
                    && System.nanoTime() - lastJobEnded > JOBS_IDLE.toNanos()) {
                idle = jobs;
                jobs = null;
            }
        }
        if (idle != null) {
            idle.close();
        }
    }

    private Object outcome(RunnerSlot slot, Map<String, Object> message, Duration timeout, String what) {
        Map<String, Object> result;
        try {
            result = slot.call(message, timeout);
        } catch (RunnerSlot.CallTimeout e) {
            log.write("error", what + " timed out after " + seconds(timeout));
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "Script timed out: the " + what + " ran longer than "
                    + seconds(timeout) + ".");
        } catch (CloudException e) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, e.getMessage());
        }
        if (Boolean.TRUE.equals(result.get("ok"))) {
            return result.get("value");
        }
        Map<?, ?> error = result.get("error") instanceof Map<?, ?> map ? map : Map.of();
        int code = error.get("code") instanceof Number number ? number.intValue() : ParseErrorCode.SCRIPT_FAILED;
        String text = error.get("message") == null ? "Script failed." : String.valueOf(error.get("message"));
        throw new ParseException(code, text);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private void logRun(String name, String userId, Object params, String label, Object value, String level) {
        String verb = level.equals("error") ? "Failed running" : "Ran";
        log.write(level, verb + " cloud function " + name + " for user " + Optional.ofNullable(userId).orElse("undefined")
                + " with:\n  Input: " + truncated(params) + "\n  " + label + ": " + truncated(value));
    }

    private static String truncated(Object value) {
        String text;
        try {
            text = Json.writeString(value);
        } catch (RuntimeException e) {
            text = String.valueOf(value);
        }
        return text.length() > LOGGED_CHARS ? text.substring(0, LOGGED_CHARS) + "... (truncated)" : text;
    }

    /** Checks for a new release of the code. */
    void reloadIfChanged() {
        requests.reloadIfChanged();
        stopIdleJobsRunner();
        RunnerSlot slot = jobs;
        if (slot != null) {
            slot.reloadIfChanged();
        }
    }

    /** Starts the requests runner now; whether the code loaded. */
    boolean warmUp() {
        return requests.warmUp();
    }

    /** What the requests runner runs and what it last tried to load. */
    CodeStatus status() {
        return requests.status();
    }

    @Override
    public void close() {
        requests.close();
        RunnerSlot slot = jobs;
        if (slot != null) {
            slot.close();
        }
        LOG.debug("Cloud Code runners stopped");
    }
}
