package dev.reparse.provisioning;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One app's place in the reconciler: its latest desired spec, its last status, and which passes
 * are requested. Requests that arrive while a pass runs are merged into one follow-up pass, which
 * is what keeps one reconciliation in flight per app.
 */
final class AppEntry {
    private AppSpec spec;
    private boolean running;
    private boolean fullRequested;
    private boolean observeRequested;
    private Instant deletionSeen;
    volatile AppStatus status;
    /** Touched only by the pass in flight. */
    int failures;
    volatile ScheduledFuture<?> retry;
    /** Deleted and every resource gone: resync leaves it alone. */
    volatile boolean finished;

    /** A pass to run: the spec as it was when the pass began. */
    record Pass(AppSpec spec, boolean full) {
    }

    /** Takes a newer (or the same) generation; an older one, arriving late, is ignored. */
    synchronized boolean desire(AppSpec next) {
        if (spec != null && next.generation() < spec.generation()) {
            return false;
        }
        if (!next.deleted()) {
            deletionSeen = null;
            finished = false;
        }
        spec = next;
        return true;
    }

    /** Records a request; true when no pass runs, so the caller must start one. */
    synchronized boolean request(boolean full) {
        if (spec == null) {
            return false;
        }
        if (full) {
            fullRequested = true;
        } else {
            observeRequested = true;
        }
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    /** The next pass to run, or null (and not running any more) when none is requested. */
    synchronized Pass next() {
        if (!fullRequested && !observeRequested) {
            running = false;
            return null;
        }
        Pass pass = new Pass(spec, fullRequested);
        fullRequested = false;
        observeRequested = false;
        return pass;
    }

    synchronized void stop() {
        running = false;
    }

    /** When provisioning first saw the delete, for a spec that does not say when it happened. */
    synchronized Instant deletionSeen(Instant now) {
        if (deletionSeen == null) {
            deletionSeen = now;
        }
        return deletionSeen;
    }
}
