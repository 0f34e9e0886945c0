package dev.reparse.runtime.cloud;

import dev.reparse.protocol.ParseDates;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The app's script log: what its code printed (and what the runtime says about running it). Lines are kept in the
 * app's own database (internal class {@code _ScriptLog}), written in batches off the request path, so every replica
 * of the app's runtime reads the same log; bounded to the newest {@code capacity} lines. {@code GET /scriptlog}
 * reads it in Parse Server's format. Without a store (tests) it is a bounded list in memory.
 */
public final class ScriptLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScriptLog.class);
    private static final String CLASS = "_ScriptLog";
    private static final int MAX_PENDING = 10_000;

    private final int capacity;
    private final Clock clock;
    private final AppContext app;
    private final Deque<Entry> memory = new ArrayDeque<>();
    private final List<Entry> pending = new ArrayList<>();
    private final ScheduledExecutorService flusher;
    private int dropped;

    /** One line: level {@code info}, {@code warn} or {@code error}. */
    record Entry(String level, String message, Instant time) {
    }

    /** A log in memory only. */
    public ScriptLog(int capacity, Clock clock) {
        this(capacity, clock, null);
    }

    /** A log kept in the app's database ({@code app} null: in memory only). */
    ScriptLog(int capacity, Clock clock, AppContext app) {
        this.capacity = Math.max(1, capacity);
        this.clock = clock;
        this.app = app;
        if (app == null) {
            this.flusher = null;
        } else {
            this.flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("script-log").factory());
            flusher.scheduleWithFixedDelay(this::flushQuietly, 250, 250, TimeUnit.MILLISECONDS);
            flusher.scheduleWithFixedDelay(this::trimQuietly, 5, 5, TimeUnit.SECONDS);
        }
    }

    void write(String level, String message) {
        String normalized = switch (level) {
            case "error", "warn" -> level;
            default -> "info";
        };
        Entry entry = new Entry(normalized, message, Instant.now(clock));
        synchronized (memory) {
            memory.addLast(entry);
            while (memory.size() > capacity) {
                memory.removeFirst();
            }
            if (app != null) {
                if (pending.size() < MAX_PENDING) {
                    pending.add(entry);
                } else {
                    dropped++;
                }
            }
        }
    }

    /**
     * Lines between {@code from} and {@code until}, of at least {@code level} ({@code error} shows errors only;
     * {@code info} everything), at most {@code size}, newest first unless {@code ascending}.
     */
    List<Map<String, Object>> read(String level, Instant from, Instant until, int size, boolean ascending) {
        if (app != null) {
            flushQuietly();
            return readStored(level, from, until, size, ascending);
        }
        List<Entry> snapshot;
        synchronized (memory) {
            snapshot = new ArrayList<>(memory);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < snapshot.size() && lines.size() < size; i++) {
            Entry entry = snapshot.get(ascending ? i : snapshot.size() - 1 - i);
            if (!entry.time().isBefore(from) && !entry.time().isAfter(until) && shown(entry.level(), level)) {
                lines.add(line(entry.level(), entry.message(), ParseDates.format(entry.time())));
            }
        }
        return lines;
    }

    private List<Map<String, Object>> readStored(String level, Instant from, Instant until, int size,
            boolean ascending) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("createdAt", Map.of("$gte", ParseDates.encode(from), "$lte", ParseDates.encode(until)));
        switch (level) {
            case "error" -> where.put("level", "error");
            case "warn" -> where.put("level", Map.of("$in", List.of("warn", "error")));
            default -> {
                // every level
            }
        }
        QueryOptions options = new QueryOptions(0, size, List.of(ascending ? "createdAt" : "-createdAt"), null);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> stored : app.storage().find(CLASS, schema(), where, options)) {
            lines.add(line(String.valueOf(stored.get("level")), String.valueOf(stored.get("message")),
                    String.valueOf(stored.get("createdAt"))));
        }
        return lines;
    }

    private static Map<String, Object> line(String level, String message, String timestamp) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("message", message);
        line.put("timestamp", timestamp);
        return line;
    }

    private static boolean shown(String entryLevel, String asked) {
        return switch (asked) {
            case "error" -> entryLevel.equals("error");
            case "warn" -> !entryLevel.equals("info");
            default -> true;
        };
    }

    private ClassSchema schema() {
        return app.schemas().ensureInternalClass(CLASS);
    }

    private void flushQuietly() {
        List<Entry> batch;
        int lost;
        synchronized (memory) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
            lost = dropped;
            dropped = 0;
        }
        try {
            List<Map<String, Object>> objects = new ArrayList<>(batch.size());
            ObjectIds ids = app.ids();
            for (Entry entry : batch) {
                String time = ParseDates.format(entry.time());
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("objectId", ids.next());
                object.put("level", entry.level());
                object.put("message", entry.message());
                object.put("createdAt", time);
                object.put("updatedAt", time);
                object.put("ACL", Map.of());
                objects.add(object);
            }
            app.storage().createObjects(CLASS, schema(), objects);
            if (lost > 0) {
                LOG.warnf("%d script log lines were dropped: the log could not keep up", lost);
            }
        } catch (RuntimeException e) {
            LOG.warnf("script log lines not stored: %s", e.getMessage());
        }
    }

    /** Keeps the newest {@code capacity} lines; often, so a busy app's log never grows far past them. */
    private void trimQuietly() {
        try {
            List<Map<String, Object>> oldestKept = app.storage().find(CLASS, schema(), new LinkedHashMap<>(),
                    new QueryOptions(capacity - 1, 1, List.of("-createdAt"), null));
            if (!oldestKept.isEmpty()) {
                Map<String, Object> before = new LinkedHashMap<>();
                before.put("createdAt", Map.of("$lt", Map.of("__type", "Date", "iso", oldestKept.get(0).get("createdAt"))));
                app.storage().deleteObjectsByQuery(CLASS, schema(), before);
            }
        } catch (RuntimeException e) {
            LOG.debugf("script log not trimmed: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
            flushQuietly();
        }
    }
}
