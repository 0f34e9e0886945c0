package dev.reparse.controlplane;

import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.AppStatus;
import dev.reparse.provisioning.Condition;
import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.Provisioner;
import dev.reparse.provisioning.RequestLogEntry;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tests' provisioner ({@code reparse.provisioning.backend=in-memory}): records every spec it is handed and reports
 * each live app ready at a made-up loopback upstream at once, a deleted one as gone.
 */
@Singleton
@Identifier("in-memory")
public final class InMemoryProvisioner implements Provisioner {
    private final List<AppSpec> applied = new CopyOnWriteArrayList<>();
    private final List<AppSpec> resynced = new CopyOnWriteArrayList<>();
    private final Map<String, AppStatus> statuses = new ConcurrentHashMap<>();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<RequestLogEntry>> logs = new ConcurrentHashMap<>();

    @Override
    public void apply(AppSpec spec) {
        applied.add(spec);
        AppStatus status = spec.deleted()
            ? new AppStatus(spec.applicationId(), spec.generation(), List.of(condition("Ready", "False", "Deleted")),
                Optional.empty())
            : new AppStatus(spec.applicationId(), spec.generation(), List.of(condition("Runtime", "True", "Running"),
                condition("Ready", "True", "Serving")), Optional.of("http://127.0.0.1:" + (20000 + applied.size())));
        statuses.put(spec.applicationId(), status);
        listeners.forEach(l -> l.statusChanged(status));
    }

    private static Condition condition(String type, String status, String reason) {
        return new Condition(type, status, reason, reason + " (in-memory provisioner)", Instant.now());
    }

    @Override
    public void resync(Collection<AppSpec> specs) {
        resynced.addAll(specs);
    }

    @Override
    public Optional<AppStatus> status(String applicationId) {
        return Optional.ofNullable(statuses.get(applicationId));
    }

    @Override
    public List<RequestLogEntry> logs(String applicationId, LogQuery query) {
        List<RequestLogEntry> lines = new ArrayList<>(logs.getOrDefault(applicationId, List.of()));
        java.util.Collections.reverse(lines);
        return lines.stream().filter(query::matches).limit(query.limit()).toList();
    }

    /** Adds lines to that app's request log, oldest first, as its runtime would have written them. */
    public void log(String applicationId, RequestLogEntry... lines) {
        logs.computeIfAbsent(applicationId, id -> new CopyOnWriteArrayList<>()).addAll(List.of(lines));
    }

    @Override
    public void onStatusChange(StatusListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    /** Reports a status as a real backend would (with its operator-facing messages). */
    public void report(AppStatus status) {
        statuses.put(status.applicationId(), status);
        listeners.forEach(l -> l.statusChanged(status));
    }

    /** The specs handed to {@link #apply} for that app, in order. */
    public List<AppSpec> appliedFor(String applicationId) {
        List<AppSpec> specs = new ArrayList<>();
        applied.stream().filter(s -> s.applicationId().equals(applicationId)).forEach(specs::add);
        return specs;
    }
}
