package dev.reparse.controlplane.usage;

/** One app's router counters: requests served, bytes in and out, requests refused over the limit. */
record UsageCounters(long requests, long bytesIn, long bytesOut, long rejected) {
    UsageCounters {
        if (requests < 0 || bytesIn < 0 || bytesOut < 0 || rejected < 0) {
            throw new IllegalArgumentException("usage counters are never negative");
        }
    }

    static UsageCounters of(Object[] row) {
        return new UsageCounters(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
            ((Number) row[3]).longValue());
    }

    /** The increase since {@code earlier}; all of this when any counter went down (the router restarted). */
    UsageCounters since(UsageCounters earlier) {
        if (restartedSince(earlier)) {
            return this;
        }
        return new UsageCounters(requests - earlier.requests, bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut,
            rejected - earlier.rejected);
    }

    /** Whether a counter went down since {@code earlier}: the router restarted in between. */
    boolean restartedSince(UsageCounters earlier) {
        return requests < earlier.requests || bytesIn < earlier.bytesIn || bytesOut < earlier.bytesOut
            || rejected < earlier.rejected;
    }

    UsageCounters plus(UsageCounters other) {
        return new UsageCounters(requests + other.requests, bytesIn + other.bytesIn, bytesOut + other.bytesOut,
            rejected + other.rejected);
    }

    boolean isZero() {
        return requests == 0 && bytesIn == 0 && bytesOut == 0 && rejected == 0;
    }
}
