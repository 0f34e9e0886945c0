package dev.reparse.provisioning;

import dev.reparse.provisioning.model.DesiredApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Provisioner}: keeps each app's desired spec, runs its {@link AppPipeline} on a
 * virtual thread, never two passes of one app at once (different apps run in parallel), retries
 * a failed pass with exponential backoff, resyncs every app periodically, and tells listeners
 * when a status changes.
 */
public final class Reconciler implements Provisioner {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    private final ProvisioningBackends backends;
    private final ReconcilerOptions options;
    private final Clock clock;
    private final AppPipeline pipeline;
    private final ConcurrentMap<String, AppEntry> apps = new ConcurrentHashMap<>();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("reconcile-", 0).factory());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reconcile-timer").daemon().factory());
    private volatile boolean closed;

    public Reconciler(ProvisioningBackends backends, ReconcilerOptions options, Clock clock) {
        this.backends = Objects.requireNonNull(backends, "backends");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pipeline = new AppPipeline(backends, clock, options.codeLoadWait());
        long resync = options.resyncInterval().toMillis();
        timers.scheduleWithFixedDelay(this::resyncAll, resync, resync, TimeUnit.MILLISECONDS);
        backends.runtime().onStateChange(applicationId -> request(applicationId, false));
    }

    @Override
    public void apply(AppSpec spec) {
        Objects.requireNonNull(spec, "spec");
        DesiredApp.of(spec);
        AppEntry entry = apps.computeIfAbsent(spec.applicationId(), id -> new AppEntry());
        if (entry.desire(spec)) {
            request(spec.applicationId(), true);
        }
    }

    @Override
    public void resync(Collection<AppSpec> specs) {
        specs.forEach(this::apply);
    }

    @Override
    public Optional<AppStatus> status(String applicationId) {
        AppEntry entry = apps.get(applicationId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.status);
    }

    @Override
    public List<RequestLogEntry> logs(String applicationId, LogQuery query) {
        return backends.runtime().logs(applicationId, query);
    }

    @Override
    public void onStatusChange(StatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backends.runtime().close();
        backends.bucket().close();
        backends.database().close();
    }

    private void resyncAll() {
        apps.forEach((applicationId, entry) -> {
            if (!entry.finished) {
                request(applicationId, true);
            }
        });
    }

    /** Asks for a pass: a full one (every step) or only a look at the runtime's state. */
    private void request(String applicationId, boolean full) {
        AppEntry entry = apps.get(applicationId);
        if (entry == null || closed || !entry.request(full)) {
            return;
        }
        try {
            workers.execute(() -> drain(applicationId, entry));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing runs any more
        }
    }

    /** Runs the app's requested passes one after another until none is left. */
    private void drain(String applicationId, AppEntry entry) {
        while (!closed) {
            AppEntry.Pass pass = entry.next();
            if (pass == null) {
                return;
            }
            try {
                run(applicationId, entry, pass);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "reconciling " + applicationId + " failed unexpectedly", e);
                scheduleRetry(applicationId, entry, false);
            }
        }
        entry.stop();
    }

    private void run(String applicationId, AppEntry entry, AppEntry.Pass pass) {
        AppSpec spec = pass.spec();
        if (spec.deleted() && !pass.full()) {
            return;
        }
        DesiredApp app = DesiredApp.of(spec);
        AppStatus previous = entry.status;
        ConditionSet conditions = new ConditionSet(previous == null ? List.of() : previous.conditions(), clock);
        AppPipeline.Outcome outcome;
        if (spec.deleted()) {
            Instant deletedAt = spec.deletedAt().orElseGet(() -> entry.deletionSeen(clock.instant()));
            outcome = pipeline.teardown(app, deletedAt, conditions);
            entry.finished = outcome.succeeded() && outcome.purgeAt().isEmpty();
        } else if (pass.full()) {
            outcome = pipeline.reconcile(app, conditions);
        } else {
            outcome = pipeline.observeRuntime(applicationId, conditions);
        }
        long observed = pass.full() || previous == null ? spec.generation() : previous.observedGeneration();
        publish(entry, new AppStatus(applicationId, observed, conditions.toList(), outcome.upstream()));
        if (pass.full()) {
            scheduleRetry(applicationId, entry, outcome.succeeded());
        }
    }

    private void scheduleRetry(String applicationId, AppEntry entry, boolean succeeded) {
        if (succeeded) {
            entry.failures = 0;
            return;
        }
        entry.failures++;
        Duration wait = options.backoff(entry.failures);
        ScheduledFuture<?> previous = entry.retry;
        if (previous != null) {
            previous.cancel(false);
        }
        if (!closed) {
            entry.retry = timers.schedule(() -> request(applicationId, true), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void publish(AppEntry entry, AppStatus status) {
        if (status.equals(entry.status)) {
            return;
        }
        entry.status = status;
        for (StatusListener listener : listeners) {
            try {
                listener.statusChanged(status);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a status listener failed", e);
            }
        }
    }
}
