package dev.reparse.runtime.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One running copy of the app's code, kept running: started on demand, restarted when it crashes (with backoff
 * when it keeps crashing), recycled when a call times out and the runner no longer answers (an endless loop),
 * and replaced when the code changes — new calls go to the new runner once it has loaded, calls in flight
 * finish on the old one.
 */
final class RunnerSlot implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunnerSlot.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PING = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The slot that serves requests; it alone keeps the last release that loaded (the jobs slot runs the same code). */
    static final String REQUESTS = "requests";

    /** A started runner, the folder its code was copied to, what the code registered, and which release it is. */
    record Instance(NodeRunner runner, Path staged, Manifest manifest, long fingerprint, Instant started,
            Optional<Release> release) {
    }

    private final String name;
    private final RunnerLauncher launcher;
    private final CodeSource code;
    private final NodeRunner.Host host;
    private final ExecutorService executor;
    private final ScriptLog log;
    private final Duration drainLimit;
    private final Object lock = new Object();
    private volatile Instance current;
    private volatile CodeStatus.Attempt lastAttempt;
    private volatile long failedFingerprint;
    private volatile Instant notBefore = Instant.EPOCH;
    private volatile Duration backoff = Duration.ofMillis(500);
    private volatile boolean closed;

    RunnerSlot(String name, RunnerLauncher launcher, CodeSource code, NodeRunner.Host host, ExecutorService executor,
            ScriptLog log, Duration drainLimit) {
        this.name = name;
        this.launcher = launcher;
        this.code = code;
        this.host = host;
        this.executor = executor;
        this.log = log;
        this.drainLimit = drainLimit;
    }

    /** What the running code registered; empty while none runs. */
    Manifest manifest() {
        Instance instance = current;
        return instance == null ? Manifest.EMPTY : instance.manifest();
    }

    /** Whether there is code to run at all (a deployed folder may still be empty). */
    boolean codePresent() {
        return code.present();
    }

    /** The release running, and the last one tried with its load error; see {@link CodeStatus}. */
    CodeStatus status() {
        Instance instance = current;
        Optional<CodeStatus.Running> running = instance == null || !instance.runner().alive() ? Optional.empty()
                : Optional.of(new CodeStatus.Running(instance.release(), instance.started()));
        return new CodeStatus(code.present(), running, Optional.ofNullable(lastAttempt));
    }

    /** Why the code does not run, when its last load failed. */
    private Optional<LoadError> loadError() {
        CodeStatus.Attempt attempt = lastAttempt;
        return attempt == null ? Optional.empty() : attempt.error();
    }

    /** Starts the runner now, if the code is there; returns whether it runs. */
    boolean warmUp() {
        try {
            return ensure() != null;
        } catch (CloudException e) {
            return false;
        } catch (RuntimeException e) {
            failed(Optional.empty(), LoadError.plain(e.getMessage()));
            LOG.error("the Cloud Code runner could not start", e);
            return false;
        }
    }

    /**
     * Sends one call and waits for its result message; on timeout the call fails with {@link CallTimeout}, and
     * the runner is replaced if it no longer answers.
     */
    Map<String, Object> call(Map<String, Object> message, Duration timeout) throws CloudException, CallTimeout {
        Instance instance = ensure();
        if (instance == null) {
            throw new CloudException(loadError().map(error -> "Cloud Code failed to load: " + error.summary())
                    .orElse("the app has no Cloud Code"));
        }
        NodeRunner.Call call = instance.runner().call(message);
        try {
            return call.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            instance.runner().abandon(call.id());
            if (!instance.runner().responsive(PING)) {
                recycle(instance, "a call ran past its " + timeout.toMillis() + " ms limit and the runner stopped answering");
            }
            throw new CallTimeout();
        } catch (ExecutionException e) {
            throw new CloudException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("interrupted");
        }
    }

    /** A call ran past its limit. */
    static final class CallTimeout extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** Starts a new runner when the code changed since the current one loaded; the old one drains, then stops. */
    void reloadIfChanged() {
        Instance instance = current;
        long fingerprint = code.fingerprint();
        if (closed || !code.present() || fingerprint == failedFingerprint
                || (instance != null && instance.fingerprint() == fingerprint)) {
            return;
        }
        if (instance == null) {
            warmUp();
            return;
        }
        try {
            Instance next = launch(fingerprint);
            synchronized (lock) {
                current = next;
            }
            log.write("info", "Cloud Code reloaded: " + next.manifest().summary());
            LOG.infof("Cloud Code reloaded (runner pid %d)", next.runner().pid());
            drainThenStop(instance);
        } catch (CloudException e) {
            failedFingerprint = fingerprint;
            log.write("error", "Cloud Code failed to load, the previous code keeps running: " + e.getMessage());
            LOG.errorf("Cloud Code failed to load, the previous code keeps running: %s",
                    loadError().map(LoadError::summary).orElse(firstLine(e.getMessage())));
        }
    }

    private Instance ensure() throws CloudException {
        Instance instance = current;
        if (instance != null && instance.runner().alive()) {
            return instance;
        }
        synchronized (lock) {
            instance = current;
            if (instance != null && instance.runner().alive()) {
                return instance;
            }
            if (closed || !code.present()) {
                return null;
            }
            long fingerprint = code.fingerprint();
            if (fingerprint == failedFingerprint) {
                return instance == null ? reviveKept() : revive(instance);
            }
            waitForBackoff();
            try {
                if (instance != null) {
                    RunnerLauncher.discard(instance.staged());
                }
                current = launch(fingerprint);
                return current;
            } catch (CloudException e) {
                failedFingerprint = fingerprint;
                log.write("error", "Cloud Code failed to load: " + e.getMessage());
                LOG.errorf("Cloud Code failed to load: %s", loadError().map(LoadError::summary)
                        .orElse(firstLine(e.getMessage())));
                Instance kept = instance == null ? reviveKept() : null;
                if (kept != null) {
                    return kept;
                }
                throw e;
            }
        }
    }

    /**
     * Runs the kept copy of the last release that loaded ({@link CloudConfig#keepDir()}) when this runtime has run no
     * code yet and the folder's release does not load: a restart must not take the app's working code away. Not a new
     * attempt: the status keeps the failed one, and a release that loads replaces this one as usual.
     */
    private Instance reviveKept() {
        Path staged = null;
        NodeRunner runner = null;
        try {
            Optional<Path> copy = launcher.stageKept();
            if (copy.isEmpty()) {
                return null;
            }
            staged = copy.get();
            runner = NodeRunner.start(launcher.command(staged), host, executor, "cloud-" + name);
            Manifest manifest = Manifest.of(runner.awaitReady(LOAD_TIMEOUT));
            // a fingerprint no folder has: the next release that changes the folder is tried as usual
            Instance instance = new Instance(runner, staged, manifest, Long.MIN_VALUE, Instant.now(), Release.in(staged));
            runner.onExit().thenRun(() -> exited(instance));
            current = instance;
            log.write("info", "Cloud Code: the last release that loaded runs until one that loads replaces it");
            LOG.infof("the kept Cloud Code release runs (runner pid %d)", runner.pid());
            return instance;
        } catch (IOException | CloudException e) {
            if (runner != null) {
                runner.kill();
            }
            RunnerLauncher.discard(staged);
            LOG.errorf("the kept Cloud Code release could not run: %s", firstLine(e.getMessage()));
            return null;
        }
    }

    /**
     * Restarts the code that ran, from its own copy, when its runner died while the folder holds a release that did not
     * load: that release must not take the app's code away. Not a new attempt: the status keeps the failed one.
     */
    private Instance revive(Instance dead) {
        if (!Files.isDirectory(dead.staged())) {
            return null;
        }
        waitForBackoff();
        NodeRunner runner = null;
        try {
            runner = NodeRunner.start(launcher.command(dead.staged()), host, executor, "cloud-" + name);
            Manifest manifest = Manifest.of(runner.awaitReady(LOAD_TIMEOUT));
            Instance instance = new Instance(runner, dead.staged(), manifest, dead.fingerprint(), Instant.now(),
                    dead.release());
            runner.onExit().thenRun(() -> exited(instance));
            current = instance;
            LOG.infof("the Cloud Code that ran before was restarted (runner pid %d)", runner.pid());
            return instance;
        } catch (IOException | CloudException e) {
            if (runner != null) {
                runner.kill();
            }
            RunnerLauncher.discard(dead.staged());
            current = null;
            LOG.errorf("the Cloud Code that ran before could not be restarted: %s", firstLine(e.getMessage()));
            return null;
        }
    }

    private void waitForBackoff() {
        long wait = Duration.between(Instant.now(), notBefore).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a runner on a copy of the code; records the attempt, with the load error made safe to show. */
    private Instance launch(long fingerprint) throws CloudException {
        Path staged = null;
        NodeRunner runner = null;
        Optional<Release> release = Optional.empty();
        try {
            staged = launcher.stage();
            release = Release.in(staged);
            runner = NodeRunner.start(launcher.command(staged), host, executor, "cloud-" + name);
            Manifest manifest = Manifest.of(runner.awaitReady(LOAD_TIMEOUT));
            Instance instance = new Instance(runner, staged, manifest, fingerprint, Instant.now(), release);
            runner.onExit().thenRun(() -> exited(instance));
            lastAttempt = new CodeStatus.Attempt(release, instance.started(), Optional.empty());
            if (name.equals(REQUESTS)) {
                keep(staged);
            }
            return instance;
        } catch (IOException e) {
            RunnerLauncher.discard(staged);
            throw failed(release, LoadError.plain("could not start the Cloud Code runner: " + e.getMessage()));
        } catch (CloudException e) {
            if (runner != null) {
                runner.kill();
            }
            LoadError error = LoadError.of(e.getMessage(), staged);
            RunnerLauncher.discard(staged);
            throw failed(release, error);
        }
    }

    /** Keeps a copy of a release that loaded, off the caller's thread; a copy that fails only loses the fallback. */
    private void keep(Path staged) {
        if (launcher.keptDir().isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                launcher.keep(staged);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("could not keep a copy of the Cloud Code that loaded: %s", e.getMessage());
            }
        });
    }

    private CloudException failed(Optional<Release> release, LoadError error) {
        lastAttempt = new CodeStatus.Attempt(release, Instant.now(), Optional.of(error));
        return new CloudException(error.text());
    }

    /** A runner ended: if it was the current one and nobody stopped it, it crashed — start another. */
    private void exited(Instance instance) {
        boolean revivable = !closed && current == instance && code.fingerprint() == failedFingerprint;
        if (!revivable) {
            RunnerLauncher.discard(instance.staged());
        }
        if (closed || current != instance) {
            return;
        }
        boolean early = Duration.between(instance.started(), Instant.now()).compareTo(Duration.ofSeconds(10)) < 0;
        backoff = early ? min(backoff.multipliedBy(2), MAX_BACKOFF) : Duration.ofMillis(500);
        notBefore = Instant.now().plus(early ? backoff : Duration.ZERO);
        log.write("error", "the Cloud Code runner exited; restarting it");
        LOG.warnf("the Cloud Code runner (pid %d) exited; restarting it", instance.runner().pid());
        executor.execute(this::warmUp);
    }

    private void recycle(Instance stuck, String why) {
        synchronized (lock) {
            if (current == stuck) {
                current = null;
            }
        }
        log.write("error", "the Cloud Code runner was restarted: " + why);
        LOG.warnf("restarting the Cloud Code runner (pid %d): %s", stuck.runner().pid(), why);
        stuck.runner().kill();
        executor.execute(this::warmUp);
    }

    private void drainThenStop(Instance old) {
        executor.execute(() -> {
            Instant deadline = Instant.now().plus(drainLimit);
            while (old.runner().busy() && Instant.now().isBefore(deadline)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            old.runner().close();
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        closed = true;
        Instance instance;
        synchronized (lock) {
            instance = current;
            current = null;
        }
        if (instance != null) {
            instance.runner().close();
            RunnerLauncher.discard(instance.staged());
        }
    }
}
