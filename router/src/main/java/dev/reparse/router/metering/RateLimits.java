package dev.reparse.router.metering;

import dev.reparse.router.routes.Route;
import dev.reparse.router.routes.RouteTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Per-app request limits; one bucket per app of the current route table, replaced when the app's rate changes. */
public final class RateLimits {
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether the app may send one more request now; apps without a positive limit always may. */
    public boolean tryAcquire(Route route) {
        int rate = route.requestsPerSecond();
        if (rate <= 0) {
            return true;
        }
        TokenBucket bucket = buckets.get(route.applicationId());
        if (bucket == null || bucket.requestsPerSecond() != rate) {
            // compute locks the map's bin: only when the bucket is missing or its rate changed, not on every request
            bucket = buckets.compute(route.applicationId(),
                    (id, old) -> old != null && old.requestsPerSecond() == rate ? old : new TokenBucket(rate, nanoTime));
        }
        return bucket.tryTake();
    }

    /** Forgets the apps the new table no longer holds, so the map stays bounded by the route table. */
    public void retain(RouteTable table) {
        buckets.keySet().retainAll(table.applicationIds());
    }
}
