package dev.reparse.router.metering;

import java.util.concurrent.atomic.LongAdder;

/** One app's cumulative counters since this replica started. */
final class AppUsage {
    final LongAdder requests = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final RequestCounts analytics;

    AppUsage(int maxClassKeys) {
        analytics = new RequestCounts(maxClassKeys);
    }

    /** A copy of the counters; each is read separately, so under load they may be a few requests apart. */
    UsageSnapshot snapshot() {
        return new UsageSnapshot(requests.sum(), bytesIn.sum(), bytesOut.sum(), rejected.sum(), analytics.snapshot());
    }
}
