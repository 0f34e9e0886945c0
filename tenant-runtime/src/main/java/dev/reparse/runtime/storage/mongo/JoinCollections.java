package dev.reparse.runtime.storage.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** Relations in Parse Server's {@code _Join:<field>:<ownerClass>} collections of {@code {owningId, relatedId}}. */
final class JoinCollections {
    private final MongoDatabase database;

    JoinCollections(MongoDatabase database) {
        this.database = database;
    }

    static String name(String field, String ownerClass) {
        return "_Join:" + field + ":" + ownerClass;
    }

    /** Upserted like Parse Server, so the server assigns an ObjectId {@code _id} and adding twice is harmless. */
    void add(String field, String ownerClass, String owningId, String relatedId) {
        Document pair = pair(owningId, relatedId);
        MongoErrors.run(() -> collection(field, ownerClass)
                .updateOne(pair, new Document("$set", pair), new UpdateOptions().upsert(true)));
    }

    void remove(String field, String ownerClass, String owningId, String relatedId) {
        MongoErrors.run(() -> collection(field, ownerClass).deleteMany(pair(owningId, relatedId)));
    }

    List<String> relatedIds(String field, String ownerClass, List<String> owningIds) {
        return column(field, ownerClass, "owningId", owningIds, "relatedId");
    }

    List<String> owningIds(String field, String ownerClass, List<String> relatedIds) {
        return column(field, ownerClass, "relatedId", relatedIds, "owningId");
    }

    private List<String> column(String field, String ownerClass, String matchColumn, List<String> ids,
            String resultColumn) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return MongoErrors.call(() -> {
            Set<String> result = new LinkedHashSet<>();
            collection(field, ownerClass).find(in(matchColumn, ids))
                    .projection(Projections.include(resultColumn))
                    .forEach(document -> {
                        if (document.get(resultColumn) instanceof String id) {
                            result.add(id);
                        }
                    });
            return new ArrayList<>(result);
        });
    }

    private static Document pair(String owningId, String relatedId) {
        // Parse Server writes relatedId first; keep its field order.
        return new Document("relatedId", relatedId).append("owningId", owningId);
    }

    private MongoCollection<Document> collection(String field, String ownerClass) {
        return database.getCollection(name(field, ownerClass));
    }
}
