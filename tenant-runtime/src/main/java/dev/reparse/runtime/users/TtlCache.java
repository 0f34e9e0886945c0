package dev.reparse.runtime.users;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A small per-app cache whose entries live for a short time, so a revocation on another replica is
 * seen within that time; bounded by emptying itself when full, which only costs a few lookups.
 */
final class TtlCache<K, V> {
    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxSize;

    TtlCache(Clock clock, Duration ttl, int maxSize) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxSize = maxSize;
    }

    V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    void put(K key, V value) {
        if (entries.size() >= maxSize) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, clock.millis() + ttlMillis));
    }

    void remove(K key) {
        entries.remove(key);
    }

    void removeIf(Predicate<V> matches) {
        entries.values().removeIf(entry -> matches.test(entry.value()));
    }

    void clear() {
        entries.clear();
    }
}
