package dev.reparse.router.metering;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One app's request analytics since this replica started: finished requests by operation, class, status class and
 * client SDK, and a latency histogram per operation. Counting is a map lookup (for operations with a class) and two
 * atomic increments; the distinct (operation, class) keys are capped, later classes count under
 * {@link RequestClassifier#OVERFLOW_CLASS}.
 */
public final class RequestCounts {
    /** Status classes, in the order of the counter slots. */
    static final String[] STATUS = {"2xx", "3xx", "4xx", "5xx"};
    private static final int SLOTS = STATUS.length * ClientSdk.all().length;

    private final int maxKeys;
    private final AtomicInteger keys = new AtomicInteger();
    /** Per operation: counters by class name ("" for none), each slot a (status, SDK) pair. */
    private final List<ConcurrentHashMap<String, AtomicLongArray>> byClass = new ArrayList<>();
    private final AtomicLongArray[] latency = new AtomicLongArray[Operation.all().length];

    RequestCounts(int maxKeys) {
        this.maxKeys = maxKeys;
        for (int i = 0; i < Operation.all().length; i++) {
            byClass.add(new ConcurrentHashMap<>());
            latency[i] = new AtomicLongArray(LatencyBuckets.COUNT);
        }
    }

    /** Counts one finished request answered with {@code status} after {@code nanos} (negative: not timed). */
    public void count(Operation operation, String className, ClientSdk sdk, int status, long nanos) {
        counters(operation, className == null ? "" : className)
                .incrementAndGet(statusSlot(status) * ClientSdk.all().length + sdk.ordinal());
        if (nanos >= 0) {
            latency[operation.ordinal()].incrementAndGet(LatencyBuckets.of(nanos));
        }
    }

    /** 1xx (a WebSocket's 101) counts as success; anything outside 100-599 as a server error. */
    private static int statusSlot(int status) {
        return status < 100 || status >= 600 ? 3 : status < 300 ? 0 : status / 100 - 2;
    }

    private AtomicLongArray counters(Operation operation, String className) {
        ConcurrentHashMap<String, AtomicLongArray> classes = byClass.get(operation.ordinal());
        AtomicLongArray found = classes.get(className);
        if (found != null) {
            return found;
        }
        // operations without a class (login, batch, ...) have one key each and do not count against the cap
        String key = className.isEmpty() || keys.get() < maxKeys ? className : RequestClassifier.OVERFLOW_CLASS;
        return classes.computeIfAbsent(key, k -> {
            if (!k.isEmpty() && !k.equals(RequestClassifier.OVERFLOW_CLASS) && keys.incrementAndGet() > maxKeys) {
                // lost a race for the last keys: this one is still kept, the cap is overshot by at most a few
                keys.decrementAndGet();
            }
            return new AtomicLongArray(SLOTS);
        });
    }

    /** The non-zero counts and histograms, read counter by counter (a request may be half in under load). */
    public Snapshot snapshot() {
        List<Count> counts = new ArrayList<>();
        Map<Operation, long[]> histograms = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.all()) {
            byClass.get(operation.ordinal()).forEach((className, slots) -> {
                for (int slot = 0; slot < SLOTS; slot++) {
                    long n = slots.get(slot);
                    if (n > 0) {
                        counts.add(new Count(operation, className, STATUS[slot / ClientSdk.all().length],
                                ClientSdk.all()[slot % ClientSdk.all().length], n));
                    }
                }
            });
            AtomicLongArray buckets = latency[operation.ordinal()];
            long[] copy = new long[LatencyBuckets.COUNT];
            boolean any = false;
            for (int i = 0; i < copy.length; i++) {
                copy[i] = buckets.get(i);
                any |= copy[i] > 0;
            }
            if (any) {
                histograms.put(operation, copy);
            }
        }
        return new Snapshot(counts, histograms);
    }

    /** One counter: requests of an operation on a class ("" for none) with a status class from an SDK. */
    public record Count(Operation operation, String className, String status, ClientSdk sdk, long count) {
    }

    /** The counters and each operation's latency histogram (bucket counts, {@link LatencyBuckets}). */
    public record Snapshot(List<Count> counts, Map<Operation, long[]> latency) {
    }
}
