package dev.reparse.provisioning;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's one entry to provisioning: hand it desired state, read back status.
 * Reconciliation is asynchronous, idempotent, one in flight per app, retried with backoff and
 * resynced periodically; a spec with {@code deleted} tears the app down.
 */
public interface Provisioner extends AutoCloseable {

    /** Records the desired state and schedules its reconciliation; returns at once. */
    void apply(AppSpec spec);

    /** Re-adopts or restarts everything these specs describe (after a control-plane restart). */
    void resync(Collection<AppSpec> specs);

    /** The last observed status of that app. */
    Optional<AppStatus> status(String applicationId);

    /**
     * The newest lines of that app's request log that the query asks for, newest first; none for an app whose
     * runtime has logged nothing (yet) or a backend that keeps no logs.
     */
    default List<RequestLogEntry> logs(String applicationId, LogQuery query) {
        return List.of();
    }

    /** Tells the listener about every status change (the control plane persists them). */
    void onStatusChange(StatusListener listener);

    /** Stops reconciling and stops every runtime this provisioner started. */
    @Override
    void close();

    /** Receives status changes. */
    @FunctionalInterface
    interface StatusListener {
        void statusChanged(AppStatus status);
    }
}
