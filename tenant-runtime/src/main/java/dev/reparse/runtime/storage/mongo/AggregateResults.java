package dev.reparse.runtime.storage.mongo;

import java.util.Collection;
import java.util.Map;
import org.bson.Document;

/** Parse Server's reshaping of aggregate results: the group {@code _id} is returned as {@code objectId}. */
final class AggregateResults {
    private AggregateResults() {
    }

    /**
     * Moves {@code _id} to {@code objectId}; a pointer group key {@code Class$id} becomes the id, and
     * an empty key becomes null.
     */
    static Document idAsObjectId(Document result, boolean groupsByPointer) {
        if (!result.containsKey("_id")) {
            return result;
        }
        Document reshaped = new Document();
        Object id = result.get("_id");
        if (groupsByPointer && id instanceof String pointer && pointer.contains("$")) {
            id = pointer.substring(pointer.indexOf('$') + 1);
        }
        if (isEmpty(id)) {
            id = null;
        }
        reshaped.put("objectId", id);
        result.forEach((key, value) -> {
            if (!key.equals("_id")) {
                reshaped.put(key, value);
            }
        });
        return reshaped;
    }

    private static boolean isEmpty(Object id) {
        return id == null
                || (id instanceof String text && text.isEmpty())
                || (id instanceof Map<?, ?> map && map.isEmpty())
                || (id instanceof Collection<?> collection && collection.isEmpty());
    }
}
