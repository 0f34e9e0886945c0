package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.storage.mongo.RelativeTime;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@code $relativeTime} ("3 days ago", "in 2 hours", "now") as an offset from now: a REST find
 * resolves it once, a subscription at every event, so "createdAt after 1 hour ago" keeps sliding.
 */
final class RelativeOffset {
    private RelativeOffset() {
    }

    /** The offset the text names; the errors a REST find gives for a bad one. */
    static Duration of(Object text) {
        if (!(text instanceof String relative)) {
            throw ParseException.invalidJson("bad $relativeTime value; should be a string");
        }
        return Duration.between(Instant.EPOCH, RelativeTime.resolve(relative, Instant.EPOCH));
    }
}
