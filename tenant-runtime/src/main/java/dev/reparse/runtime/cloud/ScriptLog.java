package dev.reparse.runtime.cloud;

import dev.reparse.protocol.ParseDates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The app's script log: what its code printed (and what the runtime says about running it), newest last,
 * bounded — the oldest lines go first. {@code GET /scriptlog} reads it in Parse Server's format.
 */
public final class ScriptLog {
    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /** One line: level {@code info}, {@code warn} or {@code error}. */
    record Entry(String level, String message, Instant time) {
    }

    public ScriptLog(int capacity, Clock clock) {
        this.capacity = Math.max(1, capacity);
        this.clock = clock;
    }

    void write(String level, String message) {
        String normalized = switch (level) {
            case "error", "warn" -> level;
            default -> "info";
        };
        Entry entry = new Entry(normalized, message, Instant.now(clock));
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
    }

    /**
     * Lines between {@code from} and {@code until}, of at least {@code level} ({@code error} shows errors only;
     * {@code info} everything), at most {@code size}, newest first unless {@code ascending}.
     */
    List<Map<String, Object>> read(String level, Instant from, Instant until, int size, boolean ascending) {
        List<Entry> snapshot;
        synchronized (entries) {
            snapshot = new ArrayList<>(entries);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < snapshot.size() && lines.size() < size; i++) {
            Entry entry = snapshot.get(ascending ? i : snapshot.size() - 1 - i);
            if (entry.time().isBefore(from) || entry.time().isAfter(until) || !shown(entry.level(), level)) {
                continue;
            }
            lines.add(Map.of("level", entry.level(), "message", entry.message(),
                    "timestamp", ParseDates.format(entry.time())));
        }
        return lines;
    }

    private static boolean shown(String entryLevel, String asked) {
        return switch (asked) {
            case "error" -> entryLevel.equals("error");
            case "warn" -> !entryLevel.equals("info");
            default -> true;
        };
    }
}
