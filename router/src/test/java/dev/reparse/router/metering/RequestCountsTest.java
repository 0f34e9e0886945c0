package dev.reparse.router.metering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestCountsTest {
    private static Map<String, Long> byKey(RequestCounts counts) {
        return counts.snapshot().counts().stream().collect(Collectors.toMap(
                c -> c.operation().wireName() + " " + c.className() + " " + c.status() + " " + c.sdk().wireName(),
                RequestCounts.Count::count));
    }

    @Test
    void countsEachRequestUnderItsOperationClassStatusClassAndSdk() {
        RequestCounts counts = new RequestCounts(200);
        counts.count(Operation.FIND, "Score", ClientSdk.JS, 200, 1_000_000);
        counts.count(Operation.FIND, "Score", ClientSdk.JS, 201, 1_000_000);
        counts.count(Operation.FIND, "Score", ClientSdk.IOS, 404, 1_000_000);
        counts.count(Operation.GET, "Score", ClientSdk.JS, 304, 1_000_000);
        counts.count(Operation.LOGIN, null, ClientSdk.REST, 502, 1_000_000);
        counts.count(Operation.LIVEQUERY, null, ClientSdk.JS, 101, -1);
        assertEquals(Map.of("find Score 2xx js", 2L, "find Score 4xx ios", 1L, "get Score 3xx js", 1L,
                "login  5xx rest", 1L, "livequery  2xx js", 1L), byKey(counts));
        Map<Operation, long[]> latency = counts.snapshot().latency();
        assertEquals(3, latency.get(Operation.FIND)[LatencyBuckets.of(1_000_000)]);
        assertTrue(!latency.containsKey(Operation.LIVEQUERY), "an untimed request adds no latency");
    }

    @Test
    void capsDistinctClassKeysAndCountsTheRestUnderOther() {
        RequestCounts counts = new RequestCounts(3);
        for (int i = 0; i < 10; i++) {
            counts.count(Operation.FIND, "C" + i, ClientSdk.REST, 200, 0);
            counts.count(Operation.CREATE, "C" + i, ClientSdk.REST, 200, 0);
        }
        counts.count(Operation.FIND, "C0", ClientSdk.REST, 200, 0);
        counts.count(Operation.LOGIN, null, ClientSdk.REST, 200, 0);
        Map<String, Long> byKey = byKey(counts);
        // the first three keys: find C0, create C0, find C1; class-less operations are not capped
        assertEquals(Map.of("find C0 2xx rest", 2L, "create C0 2xx rest", 1L, "find C1 2xx rest", 1L,
                "find (other) 2xx rest", 8L, "create (other) 2xx rest", 9L, "login  2xx rest", 1L), byKey);
    }

    @Test
    void latencyBucketsAreLogScaleWithAnOverflowBucket() {
        assertEquals(0, LatencyBuckets.of(0));
        assertEquals(0, LatencyBuckets.of(250_000));
        assertEquals(1, LatencyBuckets.of(250_001));
        assertEquals(4, LatencyBuckets.of(1_000_000));
        assertEquals(5, LatencyBuckets.of(1_000_001));
        assertEquals(LatencyBuckets.COUNT - 1, LatencyBuckets.of(60_000_000_000L));
        double[] bounds = LatencyBuckets.upperMillis();
        assertEquals(LatencyBuckets.COUNT - 1, bounds.length);
        assertArrayEquals(new double[] {0.25, 0.353553, 0.5, 0.707107, 1.0}, java.util.Arrays.copyOf(bounds, 5), 1e-6);
        assertEquals(8192.0, bounds[bounds.length - 1], 1e-6);
    }

    @Test
    void theUsageSnapshotCarriesTheAnalyticsOfEachApp() {
        UsageMeters meters = new UsageMeters(200);
        meters.forwarded("a").count(Operation.CREATE, "Score", ClientSdk.JS, 201, 2_000_000);
        meters.forwarded("a").count(Operation.CREATE, "Score", ClientSdk.JS, 201, 2_000_000);
        meters.rejected("a");
        UsageSnapshot a = meters.snapshot().get("a");
        assertEquals(2, a.requests());
        assertEquals(1, a.rejected());
        assertEquals(1, a.analytics().counts().size());
        assertEquals(2, a.analytics().counts().get(0).count());
        assertEquals(2, a.analytics().latency().get(Operation.CREATE)[LatencyBuckets.of(2_000_000)]);
    }
}
