package dev.reparse.runtime.cloud;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.FindRequest;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.core.Triggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The app's code, as the API serves it: functions ({@code /functions}), jobs ({@code /jobs}, {@code
 * /cloud_code/jobs}), the script log ({@code /scriptlog}), webhooks ({@code /hooks}) and the core's triggers.
 * Cloud Code runs in a Node.js runner beside the runtime (see {@code cloud-runner/}); an app without code
 * still has webhooks.
 */
public final class CloudFeature implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CloudFeature.class);

    /** How the app's code reaches its own API: a request run as the code's scope says. */
    public interface SdkGateway {
        /** Answers {@code {status, body, headers}}. */
        Map<String, Object> handle(String method, String path, Map<String, Object> body, boolean master,
                String sessionToken, String installationId, Map<String, Object> context);
    }

    /** Where the code is and how to reach the app. */
    public record Setup(CloudConfig config, HooksConfig hooks, String appId, String serverUrl,
            Supplier<Optional<String>> webhookKey) {
    }

    private final ParseCore core;
    private final CloudCode code;
    private final Webhooks webhooks;
    private final CallPayloads payloads;
    private final ScriptLog log;
    private final JobRuns jobs;
    private final CloudTriggers triggers;
    private final ScheduledExecutorService reloader;
    private volatile SdkGateway gateway;

    private CloudFeature(ParseCore core, Setup setup, ExecutorService executor, Clock clock) {
        this.core = core;
        this.log = new ScriptLog(setup.config().logLines(), clock, core.app());
        this.payloads = new CallPayloads(core.app());
        this.webhooks = new Webhooks(core, new WebhookGuard(setup.hooks().allowedHosts().orElse(List.of())),
                setup.hooks().timeout(), setup.webhookKey(), clock);
        this.jobs = new JobRuns(core, executor, clock);
        this.code = setup.config().path().map(path -> codeAt(path, setup, executor)).orElse(null);
        this.triggers = new CloudTriggers(code, webhooks, payloads, log);
        if (code != null) {
            Duration every = setup.config().reloadInterval();
            this.reloader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cloud-reload")
                    .factory());
            reloader.scheduleWithFixedDelay(this::reloadQuietly, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            this.reloader = null;
        }
    }

    /**
     * The feature over the core; its triggers are installed into the core. The runner starts once {@link
     * #attach} gives it the API to call back.
     */
    public static CloudFeature create(ParseCore core, Setup setup, ExecutorService executor, Clock clock) {
        CloudFeature feature = new CloudFeature(core, setup, executor, clock);
        core.useTriggers(feature.triggers);
        core.app().hooks().register("_User", new dev.reparse.runtime.core.ClassHooks() {
            @Override
            public void afterUpdate(dev.reparse.runtime.core.ObjectWrite write, Map<String, Object> response) {
                feature.payloads.forget(write.objectId());
            }

            @Override
            public void afterDelete(dev.reparse.runtime.core.ObjectWrite write) {
                feature.payloads.forget(write.objectId());
            }
        });
        return feature;
    }

    private CloudCode codeAt(String path, Setup setup, ExecutorService executor) {
        CodeSource source = CodeSource.of(path);
        RunnerLauncher launcher = new RunnerLauncher(setup.config(), source, setup.appId(), setup.serverUrl());
        NodeRunner.Host host = new NodeRunner.Host() {
            @Override
            public Map<String, Object> api(Map<String, Object> request) {
                return sdkRequest(request);
            }

            @Override
            public void log(String level, String message) {
                log.write(level, message);
            }

            @Override
            public void jobMessage(String jobId, String message) {
                jobs.message(jobId, message);
            }
        };
        Duration requestsDrain = setup.config().functionTimeout().plusSeconds(1);
        RunnerSlot requests = new RunnerSlot(RunnerSlot.REQUESTS, launcher, source, host, executor, log, requestsDrain);
        return new CloudCode(setup.config(), requests,
                () -> new RunnerSlot("jobs", launcher, source, host, executor, log, setup.config().jobTimeout()), log);
    }

    /** Gives the code its API and starts it (waiting for it to load); safe without code. */
    public void attach(SdkGateway api) {
        this.gateway = api;
        if (code != null && code.warmUp()) {
            LOG.infof("Cloud Code loaded: %s", code.manifest().summary());
        }
    }

    /** LiveQuery's hooks: the code's beforeConnect, beforeSubscribe and afterLiveQueryEvent triggers. */
    public dev.reparse.runtime.livequery.LiveQueryHooks liveQueryHooks() {
        return new CloudLiveQueryHooks(code, payloads);
    }

    /** The core's triggers (Cloud Code, then webhooks). */
    public Triggers triggers() {
        return triggers;
    }

    /** Whether the app runs code of its own (functions, triggers, jobs). */
    public boolean hasCode() {
        return code != null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sdkRequest(Map<String, Object> request) {
        SdkGateway api = gateway;
        if (api == null) {
            return Map.of("status", 503, "body", Map.of("code", 1, "error", "the server is starting"));
        }
        Map<String, Object> body = request.get("body") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Map<String, Object> context = request.get("context") instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        return api.handle(String.valueOf(request.get("method")), String.valueOf(request.get("path")),
                new LinkedHashMap<>(body), Boolean.TRUE.equals(request.get("master")),
                request.get("sessionToken") instanceof String token ? token : null,
                request.get("installationId") instanceof String id ? id : null, context);
    }

    // ---- /functions ----

    /** The functions callable now: the code's registered ones and the function webhooks' (GraphQL's callCloudCode). */
    public java.util.Set<String> functionNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        if (code != null) {
            names.addAll(code.manifest().functions());
        }
        webhooks.functions().forEach(hook -> {
            if (hook.get("functionName") instanceof String name) {
                names.add(name);
            }
        });
        return names;
    }

    /** {@code POST /functions/:name}: {@code {result}}; 141 {@code Invalid function: "x"} when nothing serves it. */
    public Map<String, Object> runFunction(Auth auth, String name, Map<String, Object> params) {
        Map<String, Object> request = payloads.request(auth);
        request.put("params", params);
        Object result;
        if (code != null && code.mayHaveFunction(name)) {
            result = code.function(name, request, auth.userId().orElse(null));
        } else {
            Webhooks.Hook hook = webhooks.function(name).orElseThrow(() -> new ParseException(
                    ParseErrorCode.SCRIPT_FAILED, "Invalid function: \"" + name + "\""));
            Map<String, Object> body = new LinkedHashMap<>(request);
            body.remove("roles");
            body.put("functionName", name);
            result = webhooks.call(hook, body);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (result != null) {
            response.put("result", result);
        }
        return response;
    }

    // ---- jobs ----

    /** {@code POST /jobs/:name} (master key): the new {@code _JobStatus} id; the job runs in the background. */
    public String startJob(Auth auth, String name, Map<String, Object> params) {
        auth.requireMaster();
        if (code == null || !code.mayHaveJob(name)) {
            throw JobRuns.invalidJob();
        }
        return jobs.start(code, name, params, payloads.request(auth));
    }

    /** {@code GET /cloud_code/jobs/data}: the jobs the code defines, and those scheduled. */
    public Map<String, Object> jobsData(Auth auth) {
        auth.requireMaster();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("in_use", scheduled(auth).stream().map(job -> job.get("jobName")).toList());
        data.put("jobs", code == null ? List.of() : List.copyOf(code.manifest().jobs()));
        return data;
    }

    /** {@code GET /cloud_code/jobs}: the scheduled jobs ({@code _JobSchedule}). */
    public List<Map<String, Object>> scheduled(Auth auth) {
        auth.requireMaster();
        if (core.app().schemas().get("_JobSchedule").isEmpty()) {
            return List.of();
        }
        Object results = core.find(auth, "_JobSchedule", FindRequest.fromParams(Map.of())).get("results");
        return results instanceof List<?> list ? list.stream().map(CloudFeature::castMap).toList() : List.of();
    }

    /**
     * {@code POST /cloud_code/jobs} ({@code {job_schedule: {...}}}, as Parse Dashboard sends): a {@code _JobSchedule}
     * row for a job the code defines; without {@code startAfter} it starts now. The control plane runs the rows.
     */
    public Map<String, Object> createSchedule(Auth auth, Object body) {
        auth.requireMaster();
        Map<String, Object> schedule = schedule(body);
        requireDeployed(schedule.get("jobName"));
        schedule.putIfAbsent("startAfter", core.app().clock().instant().toString());
        return core.create(auth, "_JobSchedule", schedule);
    }

    /** {@code PUT /cloud_code/jobs/:objectId}: changes a schedule; {@code jobName}, when given, must be deployed. */
    public Map<String, Object> updateSchedule(Auth auth, String objectId, Object body) {
        auth.requireMaster();
        Map<String, Object> schedule = schedule(body);
        if (schedule.containsKey("jobName")) {
            requireDeployed(schedule.get("jobName"));
        }
        return core.update(auth, "_JobSchedule", objectId, schedule);
    }

    /** {@code DELETE /cloud_code/jobs/:objectId}. */
    public void deleteSchedule(Auth auth, String objectId) {
        auth.requireMaster();
        core.delete(auth, "_JobSchedule", objectId);
    }

    private static Map<String, Object> schedule(Object body) {
        if (!(body instanceof Map<?, ?> schedule)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "job_schedule must be an object");
        }
        return new LinkedHashMap<>(castMap(schedule));
    }

    private void requireDeployed(Object jobName) {
        if (!(jobName instanceof String name) || code == null || !code.manifest().jobs().contains(name)) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Cannot Schedule a job that is not deployed");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * {@code GET /cloud_code/status} (master key): the release the code runs, the last one tried and why it did not
     * load; the platform's provisioning reads it to tell a deployed release from a broken one.
     */
    public Map<String, Object> codeStatus(Auth auth) {
        auth.requireMaster();
        if (code == null) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("codePresent", false);
            none.put("running", null);
            none.put("lastTried", null);
            return none;
        }
        return code.status().toMap();
    }

    // ---- /scriptlog ----

    /**
     * {@code GET /scriptlog}: {@code level}, {@code n}/{@code size}, {@code from}/{@code until} (or {@code
     * startDate}/{@code endDate}), {@code order}.
     */
    public List<Map<String, Object>> scriptLog(Auth auth, Map<String, Object> params) {
        auth.requireMaster();
        Instant now = Instant.now();
        Instant until = date(params.getOrDefault("until", params.get("endDate"))).orElse(now);
        Instant from = date(params.getOrDefault("from", params.get("startDate"))).orElse(until.minus(Duration.ofDays(1)));
        int size = number(params.getOrDefault("n", params.get("size"))).orElse(10);
        String level = params.get("level") == null ? "info" : String.valueOf(params.get("level"));
        boolean ascending = "asc".equalsIgnoreCase(String.valueOf(params.get("order")));
        return log.read(level, from, until, Math.max(0, size), ascending);
    }

    private static Optional<Instant> date(Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ParseDates.parse(String.valueOf(value)));
        } catch (RuntimeException e) {
            throw new ParseException(ParseErrorCode.INVALID_QUERY, "Invalid date: " + value);
        }
    }

    private static Optional<Integer> number(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            throw new ParseException(ParseErrorCode.INVALID_QUERY, "Invalid size: " + value);
        }
    }

    // ---- /hooks ----

    /** The {@code /hooks} routes (master key); segments after {@code hooks}. */
    public Object hooks(Auth auth, String method, List<String> path, Map<String, Object> body) {
        auth.requireMaster();
        boolean functions = !path.isEmpty() && path.get(0).equals("functions");
        boolean triggerRoute = !path.isEmpty() && path.get(0).equals("triggers");
        String functionName = functions && path.size() == 2 ? path.get(1) : null;
        String className = triggerRoute && path.size() == 3 ? path.get(1) : null;
        String triggerName = triggerRoute && path.size() == 3 ? path.get(2) : null;
        boolean one = functionName != null || className != null;
        boolean all = path.size() == 1 && (functions || triggerRoute);
        if (!one && !all) {
            return null;
        }
        return switch (method) {
            case "GET" -> all ? (functions ? webhooks.functions() : webhooks.triggers())
                    : webhooks.get(functionName, className, triggerName);
            case "POST" -> all ? webhooks.create(body) : null;
            case "PUT" -> !one ? null : "Delete".equals(body.get("__op"))
                    ? webhooks.delete(functionName, className, triggerName)
                    : webhooks.update(functionName, className, triggerName, body);
            case "DELETE" -> one ? webhooks.delete(functionName, className, triggerName) : null;
            default -> null;
        };
    }

    private void reloadQuietly() {
        try {
            code.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("checking the Cloud Code for changes failed", e);
        }
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
        if (code != null) {
            code.close();
        }
        log.close();
    }
}
