package dev.reparse.controlplane.usage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestCountersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestCounters.Key FIND = new RequestCounters.Key("find", "A", "2xx", "js");
    private static final RequestCounters.Key GET = new RequestCounters.Key("get", "A", "4xx", "ios");

    private static long[] histogram(int bucket, long n) {
        long[] buckets = new long[Latency.BUCKETS];
        buckets[bucket] = n;
        return buckets;
    }

    @Test
    void theIncreaseIsCountedPerKeyAndBucket() {
        RequestCounters before = new RequestCounters(Map.of(FIND, 5L), Map.of("find", histogram(4, 5)));
        RequestCounters now = new RequestCounters(Map.of(FIND, 7L, GET, 1L), Map.of("find", histogram(4, 7)));
        RequestCounters delta = now.since(before, false);
        assertEquals(Map.of(FIND, 2L, GET, 1L), delta.counts());
        assertArrayEquals(histogram(4, 2), delta.latency().get("find"));
    }

    @Test
    void aCounterThatWentDownOrVanishedOrAUsageRestartMeansAllIsNew() {
        RequestCounters before = new RequestCounters(Map.of(FIND, 5L), Map.of());
        RequestCounters lower = new RequestCounters(Map.of(FIND, 3L), Map.of());
        assertEquals(lower, lower.since(before, false));
        RequestCounters other = new RequestCounters(Map.of(GET, 9L), Map.of());
        assertEquals(other, other.since(before, false));
        RequestCounters higher = new RequestCounters(Map.of(FIND, 9L), Map.of());
        assertEquals(higher, higher.since(before, true));
    }

    @Test
    void theCursorsStoredFormReadsBack() throws Exception {
        RequestCounters counters = new RequestCounters(Map.of(FIND, 5L, GET, 2L), Map.of("find", histogram(31, 4)));
        RequestCounters read = RequestCounters.parse(JSON.readTree(counters.toJson(JSON)));
        assertEquals(counters.counts(), read.counts());
        assertArrayEquals(histogram(31, 4), read.latency().get("find"));
    }

    @Test
    void malformedEntriesAreSkipped() throws Exception {
        RequestCounters read = RequestCounters.parse(JSON.readTree("{\"operations\":[{\"operation\":\"find\",\"count\":-1},"
            + "{\"count\":3},{\"operation\":\"find\",\"class\":\"A\",\"status\":\"2xx\",\"sdk\":\"js\",\"count\":2}],"
            + "\"latency\":{\"find\":[1,2,3],\"get\":\"x\"}}"));
        assertEquals(Map.of(FIND, 2L), read.counts());
        assertEquals(Map.of(), read.latency());
    }

    @Test
    void percentilesAreTheUpperBoundsOfTheirBuckets() {
        long[] buckets = new long[Latency.BUCKETS];
        buckets[4] = 90;
        buckets[10] = 9;
        buckets[31] = 1;
        assertEquals(1.0, Latency.percentile(buckets, 0.5));
        assertEquals(8.0, Latency.percentile(buckets, 0.95));
        assertEquals(8.0, Latency.percentile(buckets, 0.99));
        assertEquals(8192.0, Latency.percentile(buckets, 1.0));
        assertNull(Latency.percentile(new long[Latency.BUCKETS], 0.5));
        assertEquals(0.354, Latency.upperMillis(1));
    }

    @Test
    void seriesAreZeroFilledPerIntervalAndValue() {
        Instant from = Instant.parse("2026-01-01T10:30:00Z");
        RequestAnalytics.Query split = new RequestAnalytics.Query(from, Instant.parse("2026-01-01T13:00:00Z"), ChronoUnit.HOURS,
            "operation", null);
        List<Map<String, Object>> points = RequestAnalytics.series(split, List.<Object[]>of(
            new Object[] {Instant.parse("2026-01-01T11:00:00Z"), "find", 3L},
            new Object[] {Instant.parse("2026-01-01T12:00:00Z"), "get", 1L}));
        assertEquals(List.of(
            Map.of("time", "2026-01-01T10:00:00Z", "value", "find", "count", 0L),
            Map.of("time", "2026-01-01T10:00:00Z", "value", "get", "count", 0L),
            Map.of("time", "2026-01-01T11:00:00Z", "value", "find", "count", 3L),
            Map.of("time", "2026-01-01T11:00:00Z", "value", "get", "count", 0L),
            Map.of("time", "2026-01-01T12:00:00Z", "value", "find", "count", 0L),
            Map.of("time", "2026-01-01T12:00:00Z", "value", "get", "count", 1L)), points);
        RequestAnalytics.Query daily = new RequestAnalytics.Query(from, Instant.parse("2026-01-02T01:00:00Z"), ChronoUnit.DAYS,
            null, null);
        assertEquals(List.of(Map.of("time", "2026-01-01T00:00:00Z", "count", 4L), Map.of("time", "2026-01-02T00:00:00Z", "count", 0L)),
            RequestAnalytics.series(daily, List.<Object[]>of(new Object[] {Instant.parse("2026-01-01T11:00:00Z"), "", 3L},
                new Object[] {Instant.parse("2026-01-01T12:00:00Z"), "", 1L})));
    }
}
