package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import java.util.Map;
import org.bson.Document;

/** Parse's {@code {"$text": {"$search": {"$term": ...}}}} to Mongo's top-level {@code $text}. */
final class TextSearch {
    private TextSearch() {
    }

    static Document translate(Object operand) {
        if (!(operand instanceof Map<?, ?> text) || !(text.get("$search") instanceof Map<?, ?> search)) {
            throw ParseException.invalidQuery("bad $text: $search, should be object");
        }
        if (!(search.get("$term") instanceof String term) || term.isEmpty()) {
            throw ParseException.invalidQuery("bad $text: $term, should be string");
        }
        Document mongo = new Document("$search", term);
        Object language = search.get("$language");
        if (language != null) {
            if (!(language instanceof String)) {
                throw ParseException.invalidQuery("bad $text: $language, should be string");
            }
            mongo.put("$language", language);
        }
        flag(search, "$caseSensitive", mongo);
        flag(search, "$diacriticSensitive", mongo);
        return mongo;
    }

    private static void flag(Map<?, ?> search, String name, Document mongo) {
        Object value = search.get(name);
        if (value == null) {
            return;
        }
        if (!(value instanceof Boolean enabled)) {
            throw ParseException.invalidQuery("bad $text: " + name + ", should be boolean");
        }
        if (enabled) {
            mongo.put(name, true);
        }
    }
}
