package dev.reparse.router.metering;

import java.util.Arrays;

/**
 * The fixed, log-scale latency histogram every router uses, so histograms from any replica and any poll add up and
 * percentiles can be taken from the sum: bucket {@code i} holds latencies up to {@code 0.25 ms * 2^(i/2)} (about
 * 41% apart: 0.25, 0.35, 0.5, 0.71, 1 ms ... 8.2 s), the last one everything slower.
 */
public final class LatencyBuckets {
    /** Bucket count, the overflow bucket included. */
    public static final int COUNT = 32;
    private static final long[] UPPER_NANOS = new long[COUNT - 1];

    static {
        for (int i = 0; i < UPPER_NANOS.length; i++) {
            UPPER_NANOS[i] = Math.round(250_000 * Math.pow(2, i / 2.0));
        }
    }

    private LatencyBuckets() {
    }

    /** The bucket of a latency: a binary search over 31 bounds, no allocation. */
    public static int of(long nanos) {
        int found = Arrays.binarySearch(UPPER_NANOS, nanos);
        return found >= 0 ? found : -found - 1;
    }

    /** Each bucket's upper bound in milliseconds (the overflow bucket has none), as the usage snapshot states them. */
    public static double[] upperMillis() {
        double[] millis = new double[UPPER_NANOS.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = UPPER_NANOS[i] / 1e6;
        }
        return millis;
    }
}
