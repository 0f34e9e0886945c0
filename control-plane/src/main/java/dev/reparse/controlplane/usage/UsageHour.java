package dev.reparse.controlplane.usage;

import java.time.Instant;
import java.time.OffsetDateTime;

/** One hour of an app's usage. */
record UsageHour(Instant hour, long requests, long bytesIn, long bytesOut, long rejected) {

    static UsageHour of(Object[] row) {
        Instant hour = row[0] instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) row[0];
        return new UsageHour(hour, ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
            ((Number) row[3]).longValue(), ((Number) row[4]).longValue());
    }

    UsageCounters counters() {
        return new UsageCounters(requests, bytesIn, bytesOut, rejected);
    }
}
