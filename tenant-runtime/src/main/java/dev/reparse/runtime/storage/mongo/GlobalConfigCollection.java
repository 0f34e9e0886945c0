package dev.reparse.runtime.storage.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** Parse Server's {@code _GlobalConfig} collection: one document {@code {_id: 1, params: {...}, masterKeyOnly: {...}}}. */
final class GlobalConfigCollection {
    private static final String COLLECTION = "_GlobalConfig";
    private static final int CONFIG_ID = 1;

    private final MongoCollection<Document> collection;

    GlobalConfigCollection(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    Map<String, Object> get() {
        Document stored = MongoErrors.call(() -> collection.find(eq("_id", CONFIG_ID)).first());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("params", section(stored, "params"));
        config.put("masterKeyOnly", section(stored, "masterKeyOnly"));
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Document stored, String name) {
        if (stored != null && stored.get(name) instanceof Map<?, ?> section) {
            return (Map<String, Object>) BsonToRest.nested(section);
        }
        return new LinkedHashMap<>();
    }

    /**
     * Sets each param through a {@code params.<name>} path as Parse Server does (so top-level values
     * keep their REST encoding), with its masterKeyOnly flag defaulting to false.
     */
    void update(Map<String, Object> params, Map<String, Object> masterKeyOnly) {
        Document set = new Document();
        Document unset = new Document();
        params.forEach((name, value) -> {
            if (value instanceof Map<?, ?> op && "Delete".equals(op.get("__op"))) {
                unset.put("params." + name, "");
                unset.put("masterKeyOnly." + name, "");
            } else {
                set.put("params." + name, paramValue(value));
                set.put("masterKeyOnly." + name, masterKeyOnly != null && Boolean.TRUE.equals(masterKeyOnly.get(name)));
            }
        });
        Document update = new Document();
        if (!set.isEmpty()) {
            update.put("$set", set);
        }
        if (!unset.isEmpty()) {
            update.put("$unset", unset);
        }
        if (!update.isEmpty()) {
            MongoErrors.run(() -> collection.updateOne(eq("_id", CONFIG_ID), update, new UpdateOptions().upsert(true)));
        }
    }

    private static Object paramValue(Object value) {
        Object atom = RestToBson.topLevelAtom(value, null);
        return atom == RestToBson.NOT_ATOM ? RestToBson.interiorValue(value) : RestToBson.plain(value);
    }
}
