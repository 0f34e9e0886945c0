package dev.reparse.controlplane.usage;

/**
 * The routers' fixed latency histogram: bucket {@code i} holds latencies up to {@code 0.25 ms * 2^(i/2)}, the last one
 * everything slower. Histograms of any router and hour add up; a percentile is the upper bound of the bucket it falls
 * in (so "p95 = 11.3" reads "95% took at most 11.3 ms"; the overflow bucket reports the last bound).
 */
final class Latency {
    static final int BUCKETS = 32;

    private Latency() {
    }

    static double upperMillis(int bucket) {
        int bounded = Math.min(bucket, BUCKETS - 2);
        return Math.round(0.25 * Math.pow(2, bounded / 2.0) * 1000) / 1000.0;
    }

    /** The upper bound (ms) of the bucket holding the {@code q} quantile (0 < q <= 1), or null for an empty histogram. */
    static Double percentile(long[] buckets, double q) {
        long total = 0;
        for (long n : buckets) {
            total += n;
        }
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return upperMillis(i);
            }
        }
        return upperMillis(buckets.length - 1);
    }
}
