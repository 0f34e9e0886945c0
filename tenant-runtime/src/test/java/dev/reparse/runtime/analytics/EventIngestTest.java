package dev.reparse.runtime.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.storage.mongo.EmbeddedMongo;
import dev.reparse.runtime.storage.mongo.MongoEventStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake over the real Mongo store (mongo-java-server: in memory, and on disk for the restart). */
class EventIngestTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static AnalyticsConfig config(int queue, int batch, Duration retention) {
        return new AnalyticsConfig() {
            @Override
            public int queueSize() {
                return queue;
            }

            @Override
            public int batchSize() {
                return batch;
            }

            @Override
            public Duration retention() {
                return retention;
            }
        };
    }

    private static AnalyticsEvent event(String name, String plan, String installation) {
        return new AnalyticsEvent(name, NOW, Map.of("plan", plan), Optional.of(installation), Optional.empty());
    }

    private static long total(EventStore store, String name) {
        return store.hours(name, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), Map.of()).stream()
            .mapToLong(EventStore.HourCount::count).sum();
    }

    @Test
    void everyConcurrentSenderIsAnsweredOnlyOnceItsEventIsStored() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory(0); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoEventStore store = new MongoEventStore(client.getDatabase("ingest"));
            EventIngest ingest = new EventIngest(store, config(10_000, 200, Duration.ofDays(90)), CLOCK, "app");
            List<Thread> senders = new ArrayList<>();
            List<Long> seenAfterAnswer = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 600; i++) {
                String plan = i % 3 == 0 ? "pro" : "free";
                int n = i;
                senders.add(Thread.ofVirtual().start(() -> {
                    ingest.record(event("Opened", plan, "inst-" + (n % 50)));
                    if (n % 100 == 0) {
                        seenAfterAnswer.add(total(store, "Opened"));
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            assertEquals(600, total(store, "Opened"));
            assertEquals(200, store.hours("Opened", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)),
                Map.of("plan", "pro")).stream().mapToLong(EventStore.HourCount::count).sum());
            assertTrue(seenAfterAnswer.stream().allMatch(seen -> seen >= 1), "an answered event is already counted");
            assertEquals(Map.of(NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS), 50L),
                store.distinctSendersByDay("Opened", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
            assertEquals(600, ingest.counts().stored());
            ingest.close();
        }
    }

    @Test
    void aFullQueueRefusesAtOnceWith155AndLosesNothingItTook() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory(0); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoEventStore real = new MongoEventStore(client.getDatabase("full"));
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            EventStore slow = new EventStore() { // the real store, held up on its first write
                @Override
                public void append(List<AnalyticsEvent> events) {
                    writing.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    real.append(events);
                }

                @Override
                public List<HourCount> hours(String name, Instant from, Instant to, Map<String, String> filter) {
                    return real.hours(name, from, to, filter);
                }

                @Override
                public Map<String, Long> names(Instant from, Instant to) {
                    return real.names(from, to);
                }

                @Override
                public Map<Instant, Long> distinctSendersByDay(String name, Instant from, Instant to) {
                    return real.distinctSendersByDay(name, from, to);
                }

                @Override
                public long deleteRawBefore(Instant cutoff) {
                    return real.deleteRawBefore(cutoff);
                }
            };
            EventIngest ingest = new EventIngest(slow, config(1, 1, Duration.ofDays(90)), CLOCK, "app");
            Thread first = Thread.ofVirtual().start(() -> ingest.record(event("E", "free", "a")));
            assertTrue(writing.await(5, TimeUnit.SECONDS));
            Thread second = Thread.ofVirtual().start(() -> ingest.record(event("E", "free", "b")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ingest.counts().queued() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long started = System.nanoTime();
            ParseException refused = assertThrows(ParseException.class, () -> ingest.record(event("E", "free", "c")));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "refused at once, not after waiting");
            assertEquals(155, refused.code());
            assertEquals(429, refused.httpStatus());
            release.countDown();
            first.join();
            second.join();
            assertEquals(2, total(real, "E"));
            assertEquals(new EventIngest.Counts(2, 1, 0), ingest.counts());
            ingest.close();
        }
    }

    @Test
    void acknowledgedEventsSurviveARestartOfTheStore(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir, 0); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoEventStore store = new MongoEventStore(client.getDatabase("durable"));
            EventIngest ingest = new EventIngest(store, config(100, 10, Duration.ofDays(90)), CLOCK, "app");
            for (int i = 0; i < 30; i++) {
                ingest.record(event("Saved", "free", "i" + i));
            }
            ingest.close();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dir, 0); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoEventStore store = new MongoEventStore(client.getDatabase("durable"));
            assertEquals(30, total(store, "Saved"));
            assertEquals(Map.of("Saved", 30L), store.names(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
        }
    }

    @Test
    void retentionDropsOldRawEventsAndKeepsTheirHourlyCounts() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory(0); MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("retention");
            MongoEventStore store = new MongoEventStore(database);
            Instant old = NOW.minus(Duration.ofDays(100));
            store.append(List.of(new AnalyticsEvent("Old", old, Map.of(), Optional.of("x"), Optional.empty()),
                new AnalyticsEvent("Old", NOW, Map.of(), Optional.of("y"), Optional.empty())));
            EventIngest ingest = new EventIngest(store, config(10, 10, Duration.ofDays(90)), CLOCK, "app");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (database.getCollection("_ReparseEvent").countDocuments() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, database.getCollection("_ReparseEvent").countDocuments(), "the 100-day-old raw event is gone");
            assertEquals(1, store.hours("Old", old.minus(Duration.ofHours(1)), old.plus(Duration.ofHours(1)), Map.of()).size(),
                "its hour's count stays");
            ingest.close();
        }
    }
}
