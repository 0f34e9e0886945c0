package dev.reparse.runtime.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void aFullCacheEvictsSomeEntriesInsteadOfEmptyingItself() {
        TtlCache<Integer, String> cache = new TtlCache<>(clock, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, "v" + i);
            if (i >= 100) {
                assertTrue(cache.size() > 50, "after " + i + " puts only " + cache.size() + " entries are left");
            }
        }
        assertTrue(cache.size() <= 100, "size " + cache.size());
    }

    @Test
    void eachEntryExpiresOnItsOwn() {
        TtlCache<String, String> cache = new TtlCache<>(clock, Duration.ofSeconds(5), 10);
        cache.put("early", "1");
        clock.advance(Duration.ofSeconds(3));
        cache.put("late", "2");
        clock.advance(Duration.ofSeconds(3));
        assertNull(cache.get("early"));
        assertEquals("2", cache.get("late"));
        clock.advance(Duration.ofSeconds(3));
        assertNull(cache.get("late"));
    }

    @Test
    void removesByValue() {
        TtlCache<String, String> cache = new TtlCache<>(clock, Duration.ofSeconds(5), 10);
        cache.put("a", "alice");
        cache.put("b", "bob");
        cache.removeIf(value -> value.startsWith("a"));
        assertNull(cache.get("a"));
        assertEquals("bob", cache.get("b"));
    }
}
