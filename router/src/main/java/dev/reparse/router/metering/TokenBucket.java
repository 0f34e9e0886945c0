package dev.reparse.router.metering;

import java.util.function.LongSupplier;

/**
 * A token bucket holding at most one second's worth of requests and refilled continuously at the app's rate: an app
 * that was idle may send a burst of {@code requestsPerSecond} at once, and sustains exactly its rate after that.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final int requestsPerSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(int requestsPerSecond, LongSupplier nanoTime) {
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("a bucket needs a positive rate, not " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.nanoTime = nanoTime;
        this.tokens = requestsPerSecond;
        this.refilledAt = nanoTime.getAsLong();
    }

    int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(requestsPerSecond, tokens + (now - refilledAt) * requestsPerSecond / NANOS_PER_SECOND);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
