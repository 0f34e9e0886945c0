package dev.reparse.provisioning.local;

import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.RequestLogEntry;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.CodeStatus;
import dev.reparse.provisioning.spi.ProvisionedResources;
import dev.reparse.provisioning.spi.RuntimeBackend;
import dev.reparse.provisioning.spi.RuntimeState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Local mode's runtimes: each app's tenant runtime is a child JVM on a loopback port, supervised
 * by a {@link RuntimeSupervisor}. Closing the backend (or the JVM exiting) stops every child.
 */
public final class LocalRuntimeBackend implements RuntimeBackend {
    private final LocalRuntimeOptions options;
    private final HealthCheck health = new HealthCheck();
    private final CodeStatusProbe codeProbe = new CodeStatusProbe();
    private final ConcurrentMap<String, RuntimeSupervisor> supervisors = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("runtime-supervisor").daemon().factory());
    private final Thread shutdownHook = new Thread(this::killAll, "local-runtimes-stop");

    private final Clock clock;

    public LocalRuntimeBackend(LocalRuntimeOptions options) {
        this(options, Clock.systemUTC());
    }

    public LocalRuntimeBackend(LocalRuntimeOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public RuntimeState ensureRunning(DesiredApp app, ProvisionedResources resources) {
        RuntimeSupervisor supervisor = supervisor(app.applicationId());
        RuntimeLaunch launch = RuntimeLaunch.of(app, resources, options, supervisor.port());
        return supervisor.ensureRunning(launch);
    }

    /** Stops the deleted app's runtime and marks its folder for {@link DeletedAppFiles} to remove after the retention. */
    @Override
    public void stop(String applicationId) {
        supervisor(applicationId).stop();
        supervisors.remove(applicationId);
        DeletedAppFiles.markDeleted(options.appDir(applicationId), clock.instant());
    }

    @Override
    public RuntimeState state(String applicationId) {
        RuntimeSupervisor supervisor = supervisors.get(applicationId);
        return supervisor == null ? RuntimeState.stopped("not started") : supervisor.state();
    }

    @Override
    public Optional<CodeStatus> codeStatus(DesiredApp app) {
        RuntimeState state = state(app.applicationId());
        String upstream = state.upstream().orElseThrow(() -> new IllegalStateException("the runtime does not run: "
                + state.message()));
        return Optional.of(codeProbe.ask(upstream, app));
    }

    @Override
    public List<RequestLogEntry> logs(String applicationId, LogQuery query) {
        return LocalRequestLogs.read(options.requestLog(applicationId), query);
    }

    @Override
    public void onStateChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        List<Thread> stopping = supervisors.values().stream()
                .map(s -> Thread.ofVirtual().start(s::stop)).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        supervisors.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the work
        }
    }

    /** Forgets every runtime and leaves it running: what a killed control plane leaves behind, for tests of adoption. */
    void abandon() {
        supervisors.values().forEach(RuntimeSupervisor::abandon);
        supervisors.clear();
        close();
    }

    private RuntimeSupervisor supervisor(String applicationId) {
        return supervisors.computeIfAbsent(applicationId, id -> new RuntimeSupervisor(id, options, timers, health,
                () -> listeners.forEach(l -> l.accept(id))));
    }

    /** Shutdown hook: SIGTERM every runtime, give them a few seconds together, then SIGKILL the rest. */
    private void killAll() {
        supervisors.values().forEach(RuntimeSupervisor::kill);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        for (RuntimeSupervisor supervisor : supervisors.values()) {
            supervisor.killForciblyAfter(deadline);
        }
    }
}
