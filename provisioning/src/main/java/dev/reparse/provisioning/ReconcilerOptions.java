package dev.reparse.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the reconciler works.
 *
 * @param resyncInterval every app is reconciled again this often, so drift (a dropped bucket, a dead runtime) heals
 * @param initialBackoff the wait before the first retry of a failed reconciliation; it doubles per failure
 * @param maxBackoff the longest wait between retries
 * @param codeLoadWait how long a pass waits for the runtime to load (or refuse) a new Cloud Code release
 */
public record ReconcilerOptions(Duration resyncInterval, Duration initialBackoff, Duration maxBackoff,
        Duration codeLoadWait) {
    public ReconcilerOptions {
        Objects.requireNonNull(codeLoadWait, "codeLoadWait");
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (resyncInterval.isNegative() || resyncInterval.isZero()) {
            throw new IllegalArgumentException("resyncInterval must be positive, got " + resyncInterval);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff, got " + initialBackoff + " and "
                    + maxBackoff);
        }
    }

    /** These intervals, and 40 s for a release to load (the runtime looks every 2 s and gives a load 30 s). */
    public ReconcilerOptions(Duration resyncInterval, Duration initialBackoff, Duration maxBackoff) {
        this(resyncInterval, initialBackoff, maxBackoff, Duration.ofSeconds(40));
    }

    /** Resync every 30 s; retry after 1 s, 2 s, 4 s … up to 5 min. */
    public static ReconcilerOptions defaults() {
        return new ReconcilerOptions(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** The wait before retry number {@code failures} (1 = first retry). */
    Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
