package dev.reparse.runtime.storage.mongo;

import dev.reparse.runtime.schema.ClassSchema;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** A find's sort and projection in stored names. */
final class FindOptions {
    private static final Document TEXT_SCORE = new Document("$meta", "textScore");

    private FindOptions() {
    }

    /** {@code -name} is descending; {@code $score} sorts by text relevance, as Parse Server's RestQuery maps it. */
    static Document sort(ClassSchema schema, List<String> sort) {
        Document mongo = new Document();
        for (String key : sort) {
            boolean descending = key.startsWith("-");
            String field = descending ? key.substring(1) : key;
            if (field.equals("$score")) {
                mongo.put("score", TEXT_SCORE);
            } else if (!field.isEmpty()) {
                mongo.put(FieldNames.mongoName(schema, field), descending ? -1 : 1);
            }
        }
        return mongo;
    }

    /**
     * The stored fields for the requested keys, always with {@code _id}, the timestamps and the ACL
     * columns; null for "everything". A key inside an already projected field is dropped, since
     * MongoDB refuses overlapping paths.
     */
    static Document projection(ClassSchema schema, Set<String> keys) {
        if (keys == null) {
            return null;
        }
        Document projection = new Document();
        List.of("_id", "_created_at", "_updated_at", "_rperm", "_wperm").forEach(field -> projection.put(field, 1));
        keys.stream().sorted().forEach(key -> {
            if (key.equals("$score")) {
                projection.put("score", TEXT_SCORE);
            } else if (!key.equals("ACL") && !key.isEmpty()) {
                String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
                String mongoKey = key.contains(".") && !FieldNames.isPointer(schema, root)
                        ? key : FieldNames.mongoName(schema, root);
                if (!coveredBy(projection, mongoKey)) {
                    projection.put(mongoKey, 1);
                }
            }
        });
        return projection;
    }

    private static boolean coveredBy(Document projection, String mongoKey) {
        return projection.keySet().stream()
                .anyMatch(existing -> mongoKey.equals(existing) || mongoKey.startsWith(existing + "."));
    }
}
