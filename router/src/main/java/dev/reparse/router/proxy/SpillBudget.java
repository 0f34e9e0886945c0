package dev.reparse.router.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes all of a router's spill files may hold at once ({@code reparse.router.spill-budget}): a bound on the
 * disk that clients which have not yet named an app can make the router use. Shared by every event loop.
 */
public final class SpillBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public SpillBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} of the budget if they fit. */
    boolean reserve(long bytes) {
        if (used.addAndGet(bytes) <= limit) {
            return true;
        }
        used.addAndGet(-bytes);
        return false;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The bytes spilled right now. */
    public long used() {
        return used.get();
    }
}
