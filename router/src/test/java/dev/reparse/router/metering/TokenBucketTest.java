package dev.reparse.router.metering;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.router.routes.Route;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void allowsABurstOfOneSecondsWorthThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(30, now::get);
        for (int i = 0; i < 30; i++) {
            assertTrue(bucket.tryTake(), "request " + i);
        }
        assertFalse(bucket.tryTake());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake());
        }
        assertFalse(bucket.tryTake());
    }

    @Test
    void anIdleAppNeverSavesUpMoreThanOneSecond() {
        TokenBucket bucket = new TokenBucket(5, now::get);
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.tryTake());
        }
        assertFalse(bucket.tryTake());
    }

    @Test
    void refusesANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, now::get));
    }

    @Test
    void appsWithoutALimitAreNeverRefusedAndARateChangeStartsANewBucket() {
        RateLimits limits = new RateLimits(now::get);
        Route unlimited = Route.of("free", "http://127.0.0.1:1", null, 0, true);
        for (int i = 0; i < 1000; i++) {
            assertTrue(limits.tryAcquire(unlimited));
        }
        assertTrue(limits.tryAcquire(Route.of("app", "http://127.0.0.1:1", null, 1, true)));
        assertFalse(limits.tryAcquire(Route.of("app", "http://127.0.0.1:1", null, 1, true)));
        assertTrue(limits.tryAcquire(Route.of("app", "http://127.0.0.1:1", null, 2, true)));
    }
}
