package dev.reparse.provisioning.local;

import dev.reparse.provisioning.spi.RuntimeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one app's runtime JVM running: starts it (or adopts the one a previous control plane
 * left running), waits for its health check, restarts it with backoff when it exits on its own,
 * and stops it on request. All transitions hold this object's lock.
 */
final class RuntimeSupervisor {
    private static final System.Logger LOG = System.getLogger(RuntimeSupervisor.class.getName());
    private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART = Duration.ofSeconds(30);
    /** A runtime that stayed up this long before exiting is restarted at once, not after a longer wait. */
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String applicationId;
    private final LocalRuntimeOptions options;
    private final ScheduledExecutorService timers;
    private final HealthCheck health;
    private final Runnable onStateChange;
    private RuntimeLaunch launch;
    private ChildProcess child;
    private Instant startedAt;
    private int crashes;
    /** Volatile: the shutdown hook sets it without the lock, so no crash restart follows its kill. */
    private volatile boolean stopped;
    private ScheduledFuture<?> restart;
    private volatile RuntimeState state = RuntimeState.stopped("not started");

    RuntimeSupervisor(String applicationId, LocalRuntimeOptions options, ScheduledExecutorService timers,
            HealthCheck health, Runnable onStateChange) {
        this.applicationId = applicationId;
        this.options = options;
        this.timers = timers;
        this.health = health;
        this.onStateChange = onStateChange;
    }

    RuntimeState state() {
        return state;
    }

    /** A port for the runtime: the one it had before (routes stay stable) when still free, else a new one. */
    synchronized int port() {
        if (launch != null) {
            return launch.port();
        }
        Optional<PidFile> recorded = PidFile.read(pidFile());
        boolean leftoverRuns = recorded.flatMap(p -> ChildProcess.adopt(p.pid(), RuntimeLaunch.marker(options,
                applicationId))).isPresent();
        return recorded.map(PidFile::port).filter(port -> leftoverRuns || LocalFiles.portFree(port))
                .orElseGet(LocalFiles::freePort);
    }

    synchronized RuntimeState ensureRunning(RuntimeLaunch wanted) {
        stopped = false;
        if (child == null) {
            adoptLeftover(wanted);
        }
        if (child != null && child.alive() && !wanted.fingerprint().equals(launch.fingerprint())) {
            LOG.log(System.Logger.Level.INFO, "runtime of {0} is outdated; restarting it", applicationId);
            stopChild();
        }
        if (child == null || !child.alive()) {
            start(wanted);
        }
        return awaitHealthy();
    }

    /** Adopts the runtime a previous control plane started, when it is alive, ours, current and healthy; else ends it. */
    private void adoptLeftover(RuntimeLaunch wanted) {
        Optional<PidFile> recorded = PidFile.read(pidFile());
        if (recorded.isEmpty()) {
            return;
        }
        Optional<ChildProcess> leftover = ChildProcess.adopt(recorded.get().pid(),
                RuntimeLaunch.marker(options, applicationId));
        if (leftover.isEmpty()) {
            return;
        }
        boolean current = recorded.get().launch().equals(wanted.fingerprint()) && recorded.get().port() == wanted.port();
        if (current && health.healthy(upstream(wanted.port()))) {
            LOG.log(System.Logger.Level.INFO, "adopted the running runtime of {0} (pid {1,number,#})", applicationId,
                    leftover.get().pid());
            launch = wanted;
            child = leftover.get();
            startedAt = Instant.now();
            watch(child);
            return;
        }
        leftover.get().stop(STOP_GRACE);
    }

    private void start(RuntimeLaunch wanted) {
        cancelRestart();
        try {
            Path dir = Files.createDirectories(options.appDir(applicationId));
            child = ChildProcess.start(wanted.command(), wanted.env(), RuntimeLaunch.FOREIGN_ENV,
                    dir.resolve("runtime.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch = wanted;
        startedAt = Instant.now();
        new PidFile(child.pid(), wanted.port(), wanted.fingerprint()).write(pidFile());
        state = new RuntimeState(RuntimeState.Phase.STARTING, Optional.empty(), "pid " + child.pid() + " starting");
        watch(child);
    }

    private RuntimeState awaitHealthy() {
        ChildProcess current = child;
        String upstream = upstream(launch.port());
        if (!health.await(upstream, options.startTimeout(), current::alive)) {
            String why = current.alive() ? "did not answer " + upstream + "/health within " + options.startTimeout()
                    : "exited while starting";
            throw new IllegalStateException("the runtime (pid " + current.pid() + ") " + why + "; see "
                    + options.appDir(applicationId).resolve("runtime.log"));
        }
        state = RuntimeState.running(upstream, "pid " + current.pid() + " answers on " + upstream);
        return state;
    }

    private void watch(ChildProcess watched) {
        watched.onExit().thenRun(() -> exited(watched));
    }

    private void exited(ChildProcess exited) {
        synchronized (this) {
            if (exited != child || stopped) {
                return;
            }
            boolean early = Duration.between(startedAt, Instant.now()).compareTo(STABLE) <= 0;
            crashes = early ? crashes + 1 : 1;
            if (early) {
                // a JVM that dies at once may be one that cannot map its class-data archive: start the next without it
                discardArchive();
            }
            Duration wait = backoff(crashes);
            state = new RuntimeState(RuntimeState.Phase.CRASHED, Optional.empty(), "pid " + exited.pid()
                    + " exited on its own; restart " + crashes + " in " + wait.toMillis() + " ms");
            LOG.log(System.Logger.Level.WARNING, "runtime of {0} exited; restarting in {1,number,#} ms", applicationId,
                    wait.toMillis());
            restart = timers.schedule(this::restartAfterCrash, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        onStateChange.run();
    }

    private void discardArchive() {
        try {
            java.nio.file.Files.deleteIfExists(options.archive(applicationId));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the class-data archive of " + applicationId, e);
        }
    }

    private void restartAfterCrash() {
        Thread.ofVirtual().name("runtime-restart-" + applicationId).start(() -> {
            try {
                synchronized (this) {
                    if (stopped || (child != null && child.alive())) {
                        return;
                    }
                    start(launch);
                    awaitHealthy();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restarting the runtime of " + applicationId + " failed", e);
            }
            onStateChange.run();
        });
    }

    synchronized void stop() {
        stopped = true;
        cancelRestart();
        if (child == null) {
            PidFile.read(pidFile()).flatMap(p -> ChildProcess.adopt(p.pid(), RuntimeLaunch.marker(options, applicationId)))
                    .ifPresent(leftover -> leftover.stop(STOP_GRACE));
        }
        stopChild();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state = RuntimeState.stopped("stopped");
    }

    /** Lets go of the runtime without stopping it, as a control plane that dies does. */
    synchronized void abandon() {
        stopped = true;
        cancelRestart();
        child = null;
    }

    /** For the JVM shutdown hook: no lock (a pass may hold it), no waiting. */
    void kill() {
        stopped = true;
        ChildProcess current = child;
        if (current != null) {
            current.kill();
        }
    }

    /** For the JVM shutdown hook: waits for the exit until that nano-time deadline, then kills. */
    void killForciblyAfter(long deadlineNanos) {
        ChildProcess current = child;
        if (current != null) {
            current.killForciblyAfter(deadlineNanos);
        }
    }

    private void stopChild() {
        if (child != null) {
            ChildProcess old = child;
            child = null;
            old.stop(STOP_GRACE);
        }
    }

    private void cancelRestart() {
        if (restart != null) {
            restart.cancel(false);
            restart = null;
        }
    }

    private Path pidFile() {
        return options.appDir(applicationId).resolve("runtime.pid");
    }

    private static String upstream(int port) {
        return "http://127.0.0.1:" + port + dev.reparse.provisioning.model.DesiredApp.MOUNT_PATH;
    }

    private static Duration backoff(int crashes) {
        Duration wait = FIRST_RESTART.multipliedBy(1L << Math.min(crashes - 1, 10));
        return wait.compareTo(MAX_RESTART) > 0 ? MAX_RESTART : wait;
    }
}
