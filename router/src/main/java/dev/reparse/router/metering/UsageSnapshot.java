package dev.reparse.router.metering;

/**
 * One app's counters at one moment.
 *
 * @param requests requests forwarded to the app's runtime (rate-limited ones excluded)
 * @param bytesIn request body bytes received from clients
 * @param bytesOut response bytes (body and head) sent to clients
 * @param rejected requests answered 429 because the app was over its limit
 * @param analytics finished requests by operation, class, status class and SDK, and latency histograms
 */
public record UsageSnapshot(long requests, long bytesIn, long bytesOut, long rejected, RequestCounts.Snapshot analytics) {
}
