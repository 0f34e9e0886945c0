package dev.reparse.runtime.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Mongo indexes of class collections, named as Parse's {@code /schemas} indexes are. */
final class IndexManager {
    private static final System.Logger LOG = System.getLogger(IndexManager.class.getName());

    private final MongoDatabase database;

    IndexManager(MongoDatabase database) {
        this.database = database;
    }

    /**
     * Applies {@code {name: {field: 1}}} creations and {@code {name: {"__op": "Delete"}}} drops with
     * Parse Server's checks, and returns the class's resulting index map for {@code _SCHEMA}.
     */
    Map<String, Map<String, Object>> update(String className, ClassSchema schema, Map<String, Object> changes) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>(schema.indexes());
        if (result.isEmpty()) {
            result.put("_id_", Map.of("_id", 1));
        }
        changes.forEach((name, change) -> {
            boolean delete = isDelete(change);
            if (result.containsKey(name) && !delete) {
                throw ParseException.invalidQuery("Index " + name + " exists, cannot update.");
            }
            if (!result.containsKey(name) && delete) {
                throw ParseException.invalidQuery("Index " + name + " does not exist, cannot delete.");
            }
            if (delete) {
                result.remove(name);
            } else {
                result.put(name, keys(schema, name, change));
            }
        });
        changes.forEach((name, change) -> {
            if (isDelete(change)) {
                MongoErrors.run(() -> database.getCollection(className).dropIndex(name));
            } else {
                create(className, schema, name, result.get(name));
            }
        });
        return result;
    }

    private static boolean isDelete(Object change) {
        return change instanceof Map<?, ?> map && "Delete".equals(map.get("__op"));
    }

    void create(String className, ClassSchema schema, String name, Map<String, Object> keys) {
        MongoErrors.run(() -> database.getCollection(className)
                .createIndex(mongoKeys(schema, keys), new IndexOptions().name(name)));
    }

    /** Unique and sparse, so objects without the fields do not collide, as Parse Server creates it. */
    void ensureUnique(String className, ClassSchema schema, List<String> fieldNames) {
        Document keys = new Document();
        fieldNames.forEach(field -> keys.put(FieldNames.mongoName(schema, field), 1));
        MongoErrors.call("Tried to ensure field uniqueness for a class that already has duplicates.",
                () -> database.getCollection(className).createIndex(keys, new IndexOptions().unique(true).sparse(true)));
    }

    /** A {@code field_text} index for a {@code $text} query on a field no index covers yet, as Parse Server does. */
    boolean ensureTextIndex(String className, ClassSchema schema, String field) {
        boolean covered = schema.indexes().values().stream().anyMatch(keys -> keys.containsKey(field));
        if (covered) {
            return false;
        }
        try {
            database.getCollection(className)
                    .createIndex(new Document(field, "text"), new IndexOptions().name(field + "_text"));
            return true;
        } catch (MongoException e) {
            // Another text index already exists (only one is allowed), or the server has no text search.
            LOG.log(System.Logger.Level.DEBUG, "text index on " + className + "." + field + " not created", e);
            return false;
        }
    }

    /** A TTL index (documents go once the date passes), as Parse Server creates on {@code _Idempotency.expire}. */
    void ensureExpiry(String className, String mongoField) {
        try {
            database.getCollection(className).createIndex(new Document(mongoField, 1),
                    new IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
        } catch (MongoException e) {
            // mongo-java-server has no TTL indexes; the readers treat passed dates as gone anyway
            LOG.log(System.Logger.Level.DEBUG, "expiry index on " + className + "." + mongoField + " not created", e);
        }
    }

    /** The legacy-pair index {@code $nearSphere} needs on GeoPoint fields. */
    void createGeoPointIndex(String className, String mongoField) {
        MongoErrors.run(() -> database.getCollection(className).createIndex(new Document(mongoField, "2d")));
    }

    private static Map<String, Object> keys(ClassSchema schema, String name, Object change) {
        if (!(change instanceof Map<?, ?> keys) || keys.isEmpty()) {
            throw ParseException.invalidQuery("Index " + name + " should be an object of field names");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach((key, direction) -> {
            String field = String.valueOf(key);
            String restField = field.startsWith(FieldNames.POINTER_PREFIX)
                    ? field.substring(FieldNames.POINTER_PREFIX.length()) : field;
            if (!schema.fields().containsKey(restField)) {
                throw ParseException.invalidQuery("Field " + field + " does not exist, cannot add index.");
            }
            out.put(field, direction);
        });
        return out;
    }

    /** Index keys in stored names: pointers get their {@code _p_} prefix, {@code objectId} is {@code _id}. */
    private static Document mongoKeys(ClassSchema schema, Map<String, Object> keys) {
        Document mongo = new Document();
        keys.forEach((field, direction) -> mongo.put(field.startsWith(FieldNames.POINTER_PREFIX)
                ? field : FieldNames.mongoName(schema, field), direction));
        return mongo;
    }
}
