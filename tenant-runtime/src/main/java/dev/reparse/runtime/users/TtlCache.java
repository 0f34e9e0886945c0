package dev.reparse.runtime.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A small per-app cache whose entries live for a short time each, so a revocation on another replica
 * is seen within that time; bounded in size by evicting the entries least likely to be used again
 * (Caffeine), never by emptying itself when full, which under load would send every request back to
 * the database at once.
 */
final class TtlCache<K, V> {
    private final Cache<K, V> entries;

    /** Time is read from the clock, so tests can drive expiry. */
    TtlCache(Clock clock, Duration ttl, int maxSize) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // evict on the caller's thread: no background work, and the bound holds as soon as put returns
                .executor(Runnable::run)
                .build();
    }

    V get(K key) {
        return entries.getIfPresent(key);
    }

    void put(K key, V value) {
        entries.put(key, value);
    }

    void remove(K key) {
        entries.invalidate(key);
    }

    void removeIf(Predicate<V> matches) {
        entries.asMap().values().removeIf(matches);
    }

    void clear() {
        entries.invalidateAll();
    }

    /** How many entries are held, after pending evictions ran. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
