package dev.reparse.router.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The time limits of one event loop's connections and exchanges, checked by one periodic sweep instead of a timer per
 * request: entries join and leave an intrusive list (no allocation, no lock: everything runs on the event loop), and
 * each sweep asks every entry whether it has gone past its deadline. Deadlines are reckoned from the sweep's clock,
 * so they are as precise as the sweep is frequent (a quarter of the shortest timeout, at most a second).
 */
final class Deadlines {
    /** Something with a deadline; one list at a time. */
    abstract static class Entry {
        private Entry previous;
        private Entry next;

        /** Whether it is in the list. */
        final boolean listed() {
            return next != null;
        }

        /**
         * Looks at progress since the last sweep and answers whether a deadline has passed. No side effects on the
         * list or on connections here: {@link #expire()} acts, after the sweep has walked the whole list.
         */
        abstract boolean overdue(long now);

        /** Acts on a passed deadline (closes, answers 504...); called only while still listed. */
        abstract void expire();
    }

    private final Entry head = new Entry() {
        @Override
        boolean overdue(long now) {
            return false;
        }

        @Override
        void expire() {
        }
    };
    private long now;

    Deadlines(long now) {
        head.previous = head;
        head.next = head;
        this.now = now;
    }

    /** The clock as of the last sweep (nanoseconds, {@link System#nanoTime()}'s scale). */
    long now() {
        return now;
    }

    void add(Entry entry) {
        if (entry.listed()) {
            return;
        }
        entry.previous = head.previous;
        entry.next = head;
        head.previous.next = entry;
        head.previous = entry;
    }

    void remove(Entry entry) {
        if (!entry.listed()) {
            return;
        }
        entry.previous.next = entry.next;
        entry.next.previous = entry.previous;
        entry.previous = null;
        entry.next = null;
    }

    /** One sweep at {@code time}: finds the overdue entries, then expires those still listed. */
    void sweep(long time) {
        now = time;
        List<Entry> overdue = null;
        for (Entry entry = head.next; entry != head; entry = entry.next) {
            if (entry.overdue(time)) {
                if (overdue == null) {
                    overdue = new ArrayList<>();
                }
                overdue.add(entry);
            }
        }
        if (overdue != null) {
            for (Entry entry : overdue) {
                if (entry.listed()) {
                    entry.expire();
                }
            }
        }
    }
}
