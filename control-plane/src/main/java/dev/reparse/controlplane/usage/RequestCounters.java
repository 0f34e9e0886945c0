package dev.reparse.controlplane.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One app's cumulative request analytics from the router: finished requests per (operation, class, status class,
 * SDK) and a latency histogram per operation ({@link Latency#BUCKETS} fixed log-scale buckets).
 */
record RequestCounters(Map<Key, Long> counts, Map<String, long[]> latency) {
    static final RequestCounters NONE = new RequestCounters(Map.of(), Map.of());
    private static final int MAX_TEXT = 128;

    /** One counter's dimensions. */
    record Key(String operation, String className, String status, String sdk) {
    }

    /** The {@code operations} and {@code latency} of one app in the router's usage answer; malformed entries are skipped. */
    static RequestCounters parse(JsonNode app) {
        Map<Key, Long> counts = new HashMap<>();
        for (JsonNode entry : app.path("operations")) {
            long count = entry.path("count").asLong(-1);
            Key key = new Key(text(entry, "operation"), text(entry, "class"), text(entry, "status"), text(entry, "sdk"));
            if (count > 0 && !key.operation().isEmpty() && !key.status().isEmpty() && !key.sdk().isEmpty()) {
                counts.merge(key, count, Long::sum);
            }
        }
        Map<String, long[]> latency = new TreeMap<>();
        app.path("latency").properties().forEach(op -> {
            if (op.getValue().isArray() && op.getValue().size() == Latency.BUCKETS && !op.getKey().isEmpty()
                    && op.getKey().length() <= 16) {
                long[] buckets = new long[Latency.BUCKETS];
                for (int i = 0; i < buckets.length; i++) {
                    buckets[i] = Math.max(0, op.getValue().get(i).asLong());
                }
                latency.put(op.getKey(), buckets);
            }
        });
        return new RequestCounters(counts, latency);
    }

    private static String text(JsonNode entry, String field) {
        String value = entry.path(field).asText("");
        return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
    }

    /**
     * The increase since {@code earlier}; all of this when the router restarted: told by the usage counters
     * ({@code restarted}), or by a counter that went down or vanished (a running router never drops one).
     */
    RequestCounters since(RequestCounters earlier, boolean restarted) {
        if (restarted || wentDown(earlier)) {
            return this;
        }
        Map<Key, Long> counts = new HashMap<>();
        this.counts.forEach((key, n) -> {
            long delta = n - earlier.counts.getOrDefault(key, 0L);
            if (delta > 0) {
                counts.put(key, delta);
            }
        });
        Map<String, long[]> latency = new TreeMap<>();
        this.latency.forEach((op, buckets) -> {
            long[] before = earlier.latency.getOrDefault(op, new long[Latency.BUCKETS]);
            long[] delta = new long[Latency.BUCKETS];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = buckets[i] - before[i];
            }
            if (Arrays.stream(delta).anyMatch(d -> d > 0)) {
                latency.put(op, delta);
            }
        });
        return new RequestCounters(counts, latency);
    }

    private boolean wentDown(RequestCounters earlier) {
        for (var entry : earlier.counts.entrySet()) {
            if (counts.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
                return true;
            }
        }
        for (var entry : earlier.latency.entrySet()) {
            long[] now = latency.get(entry.getKey());
            for (int i = 0; i < Latency.BUCKETS; i++) {
                if (now == null || now[i] < entry.getValue()[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isZero() {
        return counts.isEmpty() && latency.isEmpty();
    }

    /** The cursor's stored form: the router's own shape, so {@link #parse} reads it back. */
    String toJson(ObjectMapper json) {
        ObjectNode app = json.createObjectNode();
        ArrayNode operations = app.putArray("operations");
        counts.forEach((key, n) -> operations.addObject().put("operation", key.operation()).put("class", key.className())
            .put("status", key.status()).put("sdk", key.sdk()).put("count", n));
        ObjectNode histograms = app.putObject("latency");
        latency.forEach((op, buckets) -> {
            ArrayNode array = histograms.putArray(op);
            Arrays.stream(buckets).forEach(array::add);
        });
        return app.toString();
    }
}
