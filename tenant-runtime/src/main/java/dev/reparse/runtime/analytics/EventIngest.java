package dev.reparse.runtime.analytics;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * One app's event intake: requests put events on a bounded queue and one writer stores them in batches (group
 * commit), so an event is acknowledged only once it is stored, and thousands of concurrent senders cost one write per
 * batch. A full queue answers 429 (code 155) at once instead of letting memory or waiting grow; those refusals are
 * counted. The writer also drops raw events past the retention window, once an hour.
 */
public final class EventIngest implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventIngest.class);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);
    private static final long STORE_WAIT_SECONDS = 30;

    private final EventStore store;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final LongAdder stored = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final Thread writer;
    private Instant nextRetention = Instant.MIN;

    private record Pending(AnalyticsEvent event, CompletableFuture<Void> done) {
    }

    /** What the intake did so far. */
    public record Counts(long stored, long refused, int queued) {
    }

    public EventIngest(EventStore store, AnalyticsConfig config, Clock clock, String appId) {
        this.store = store;
        this.clock = clock;
        this.retention = config.retention();
        this.batchSize = Math.max(1, config.batchSize());
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueSize()));
        this.writer = Thread.ofPlatform().daemon().name("analytics-" + appId).start(this::run);
    }

    /** Stores the event, waiting until it is stored; 429 code 155 when the queue is full. */
    public void record(AnalyticsEvent event) {
        if (!open.get()) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "the server is stopping; send the event again");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            refused.increment();
            throw new ParseException(ParseErrorCode.REQUEST_LIMIT_EXCEEDED,
                "too many analytics events at once; send this one again shortly", 429);
        }
        try {
            pending.done.get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "interrupted before the event was stored");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "the event could not be stored; send it again");
        }
    }

    public Counts counts() {
        return new Counts(stored.sum(), refused.sum(), queue.size());
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (open.get() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    write(batch);
                    batch.clear();
                }
                retain();
            } catch (InterruptedException e) {
                if (!open.get()) {
                    queue.drainTo(batch);
                    write(batch);
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("analytics writer", e);
            }
        }
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.append(batch.stream().map(Pending::event).toList());
            stored.add(batch.size());
            batch.forEach(p -> p.done.complete(null));
        } catch (RuntimeException e) {
            LOG.warnf("could not store %d analytics events: %s", batch.size(), e.getMessage());
            batch.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    private void retain() {
        Instant now = clock.instant();
        if (now.isBefore(nextRetention)) {
            return;
        }
        nextRetention = now.plus(RETENTION_EVERY);
        long dropped = store.deleteRawBefore(now.minus(retention));
        if (dropped > 0) {
            LOG.infof("dropped %d analytics events older than %s", dropped, retention);
        }
    }

    /** Stores what is queued, then stops the writer. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(STORE_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
