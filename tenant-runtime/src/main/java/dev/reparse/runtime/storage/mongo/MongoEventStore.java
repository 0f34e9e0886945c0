package dev.reparse.runtime.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.reparse.runtime.analytics.AnalyticsEvent;
import dev.reparse.runtime.analytics.EventStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Analytics in the app's database: {@code _ReparseEvent} holds raw events ({@code name}, {@code at},
 * {@code dims}, {@code inst}, {@code user}) and {@code _ReparseEventHour} one document per event name, UTC hour and
 * dimension set ({@code _id} is the three together; {@code count} grows by {@code $inc}). Neither is a Parse class:
 * no {@code _SCHEMA} entry, so REST and Parse Dashboard never show them, and Parse Server on the same database ignores
 * them.
 */
public final class MongoEventStore implements EventStore {
    static final String RAW = "_ReparseEvent";
    static final String HOURS = "_ReparseEventHour";
    private static final System.Logger LOG = System.getLogger(MongoEventStore.class.getName());
    private final MongoCollection<Document> raw;
    private final MongoCollection<Document> hours;

    public MongoEventStore(MongoDatabase database) {
        this.raw = database.getCollection(RAW);
        this.hours = database.getCollection(HOURS);
        index(raw, new Document("at", 1));
        index(raw, new Document("name", 1).append("at", 1));
        index(hours, new Document("name", 1).append("hour", 1));
    }

    /** Indexes speed reads up; a server that cannot make one (mongo-java-server: non-unique indexes) still works. */
    private static void index(MongoCollection<Document> collection, Document keys) {
        try {
            collection.createIndex(keys);
        } catch (MongoException e) {
            LOG.log(System.Logger.Level.DEBUG, "no index {0} on {1}: {2}", keys.toJson(),
                collection.getNamespace().getCollectionName(), e.getMessage());
        }
    }

    @Override
    public void append(List<AnalyticsEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(events.size());
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Document> keys = new HashMap<>();
        for (AnalyticsEvent event : events) {
            Document dims = new Document(new TreeMap<>(event.dimensions()));
            Document document = new Document("name", event.name()).append("at", Date.from(event.at())).append("dims", dims);
            event.installationId().ifPresent(id -> document.append("inst", id));
            event.userId().ifPresent(id -> document.append("user", id));
            documents.add(document);
            Instant hour = event.at().truncatedTo(ChronoUnit.HOURS);
            String id = event.name() + '\u0000' + hour.getEpochSecond() + '\u0000' + dims.toJson();
            counts.computeIfAbsent(id, k -> new long[1])[0]++;
            keys.computeIfAbsent(id, k -> new Document("name", event.name()).append("hour", Date.from(hour)).append("dims", dims));
        }
        MongoErrors.call(() -> raw.insertMany(documents, new InsertManyOptions().ordered(false)));
        List<WriteModel<Document>> updates = new ArrayList<>(counts.size());
        counts.forEach((id, count) -> updates.add(new UpdateOneModel<>(eq("_id", id),
            new Document("$setOnInsert", keys.get(id)).append("$inc", new Document("count", count[0])),
            new UpdateOptions().upsert(true))));
        MongoErrors.call(() -> hours.bulkWrite(updates, new BulkWriteOptions().ordered(false)));
    }

    @Override
    public List<HourCount> hours(String name, Instant from, Instant to, Map<String, String> filter) {
        List<Bson> where = new ArrayList<>(List.of(eq("name", name), gte("hour", Date.from(from)), lt("hour", Date.from(to))));
        filter.forEach((key, value) -> where.add(eq("dims." + key, value)));
        List<HourCount> result = new ArrayList<>();
        MongoErrors.call(() -> {
            for (Document document : hours.find(and(where)).limit(MAX_SCAN + 1)) {
                Document dims = document.get("dims", Document.class);
                Map<String, String> dimensions = new TreeMap<>();
                if (dims != null) {
                    dims.forEach((k, v) -> dimensions.put(k, String.valueOf(v)));
                }
                result.add(new HourCount(document.getDate("hour").toInstant(), dimensions,
                    ((Number) document.get("count")).longValue()));
            }
            return null;
        });
        EventStore.checkScanned(result.size(), Optional.of(name));
        return result;
    }

    @Override
    public Map<String, Long> names(Instant from, Instant to) {
        Map<String, Long> totals = new TreeMap<>();
        long[] scanned = {0};
        MongoErrors.call(() -> {
            for (Document document : hours.find(and(gte("hour", Date.from(from)), lt("hour", Date.from(to))))
                    .projection(new Document("name", 1).append("count", 1)).limit(MAX_SCAN + 1)) {
                scanned[0]++;
                totals.merge(document.getString("name"), ((Number) document.get("count")).longValue(), Long::sum);
            }
            return null;
        });
        EventStore.checkScanned(scanned[0], Optional.empty());
        return totals;
    }

    @Override
    public Map<Instant, Long> distinctSendersByDay(String name, Instant from, Instant to) {
        Map<Instant, Set<String>> senders = new TreeMap<>();
        MongoErrors.call(() -> {
            for (Document document : raw.find(and(eq("name", name), gte("at", Date.from(from)), lt("at", Date.from(to))))
                    .projection(new Document("at", 1).append("inst", 1).append("user", 1))) {
                String who = document.getString("inst") != null ? "i:" + document.getString("inst")
                    : document.getString("user") != null ? "u:" + document.getString("user") : null;
                if (who != null) {
                    Instant day = document.getDate("at").toInstant().truncatedTo(ChronoUnit.DAYS);
                    senders.computeIfAbsent(day, d -> new HashSet<>()).add(who);
                }
            }
            return null;
        });
        return senders.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size(),
            (a, b) -> a, TreeMap::new));
    }

    @Override
    public long deleteRawBefore(Instant cutoff) {
        return MongoErrors.call(() -> raw.deleteMany(lt("at", Date.from(cutoff))).getDeletedCount());
    }
}
