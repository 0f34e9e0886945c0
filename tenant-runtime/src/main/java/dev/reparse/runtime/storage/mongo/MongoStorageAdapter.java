package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import dev.reparse.runtime.schema.SchemaNames;
import dev.reparse.runtime.storage.QueryOptions;
import dev.reparse.runtime.storage.StorageAdapter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * The storage adapter for MongoDB, in Parse Server's exact layout so that a Parse Server database
 * attaches unchanged (see {@link StorageAdapter} for the REST format it speaks).
 */
public final class MongoStorageAdapter implements StorageAdapter {
    private final MongoDatabase database;
    private final Clock clock;
    private final IndexManager indexes;
    private final SchemaCollection schemas;
    private final JoinCollections joins;
    private final GlobalConfigCollection globalConfig;

    public MongoStorageAdapter(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** @param clock the time {@code $relativeTime} and a missing {@code updatedAt} are taken from */
    public MongoStorageAdapter(MongoDatabase database, Clock clock) {
        this(database, clock, null);
    }

    /**
     * @param maxOperationTime how long one operation on objects or relations may take (null: unbounded):
     *     the driver stops waiting then and sends the remainder as {@code maxTimeMS}, so MongoDB stops the
     *     work too; index builds and schema changes are not bounded by it
     */
    public MongoStorageAdapter(MongoDatabase database, Clock clock, Duration maxOperationTime) {
        this.database = maxOperationTime == null ? database
                : database.withTimeout(maxOperationTime.toMillis(), TimeUnit.MILLISECONDS);
        this.clock = clock;
        this.indexes = new IndexManager(database);
        this.schemas = new SchemaCollection(database, indexes);
        this.joins = new JoinCollections(this.database);
        this.globalConfig = new GlobalConfigCollection(database);
    }

    // ---- schemas ----

    @Override
    public List<ClassSchema> getAllClasses() {
        return schemas.all();
    }

    @Override
    public Optional<ClassSchema> getClass(String className) {
        return schemas.get(className);
    }

    @Override
    public void createClass(ClassSchema schema) {
        schemas.create(schema);
    }

    @Override
    public void addField(String className, String fieldName, FieldType type) {
        schemas.addField(className, fieldName, type);
    }

    @Override
    public void deleteFields(String className, ClassSchema schema, List<String> fieldNames) {
        schemas.deleteFields(className, schema, fieldNames);
    }

    @Override
    public void setClassLevelPermissions(String className, Map<String, Object> classLevelPermissions) {
        schemas.setClassLevelPermissions(className, classLevelPermissions);
    }

    @Override
    public void updateIndexes(String className, ClassSchema schema, Map<String, Object> indexChanges) {
        schemas.setIndexes(className, indexes.update(className, schema, indexChanges));
    }

    @Override
    public void deleteClass(String className) {
        schemas.deleteClass(className);
    }

    // ---- objects ----

    @Override
    public void createObject(String className, ClassSchema schema, Map<String, Object> object) {
        Document stored = ObjectEncoder.encode(className, schema, object);
        MongoErrors.run(() -> collection(className).insertOne(stored));
    }

    @Override
    public List<ParseException> createObjects(String className, ClassSchema schema, List<Map<String, Object>> objects) {
        List<Document> stored = objects.stream().map(object -> ObjectEncoder.encode(className, schema, object)).toList();
        List<ParseException> outcomes = new java.util.ArrayList<>(java.util.Collections.nCopies(stored.size(), null));
        try {
            collection(className).insertMany(stored, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                outcomes.set(error.getIndex(), MongoErrors.translate(error));
            }
        } catch (com.mongodb.MongoException e) {
            ParseException failure = MongoErrors.translate(e, MongoErrors.DUPLICATE_VALUE);
            java.util.Collections.fill(outcomes, failure);
        }
        return outcomes;
    }

    @Override
    public List<Map<String, Object>> find(String className, ClassSchema schema, Map<String, Object> where,
            QueryOptions options) {
        if (options.limit() == 0) {
            return List.of();
        }
        Document filter = filter(schema, where, false);
        ensureTextIndexes(className, schema, where);
        return withGeoIndex(className, schema, where, () -> {
            FindIterable<Document> found = collection(className).find(filter)
                    .sort(FindOptions.sort(schema, options.sort()))
                    .projection(FindOptions.projection(schema, options.keys()))
                    .skip(options.skip())
                    .limit(options.limit());
            List<Map<String, Object>> results = new ArrayList<>();
            found.forEach(stored -> results.add(ObjectDecoder.decode(className, schema, stored, true)));
            return results;
        });
    }

    @Override
    public void checkQuery(String className, ClassSchema schema, Map<String, Object> where) {
        filter(schema, where, false);
    }

    @Override
    public long count(String className, ClassSchema schema, Map<String, Object> where) {
        Document filter = filter(schema, where, true);
        return MongoErrors.call(() -> filter.isEmpty()
                ? collection(className).estimatedDocumentCount()
                : collection(className).countDocuments(filter));
    }

    @Override
    public Optional<Map<String, Object>> findOneAndUpdate(String className, ClassSchema schema,
            Map<String, Object> where, Map<String, Object> update) {
        Document filter = filter(schema, where, false);
        Document mongoUpdate = UpdateTranslator.translate(className, schema, update, clock.instant());
        Document after = MongoErrors.call(() -> collection(className).findOneAndUpdate(filter, mongoUpdate,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        return Optional.ofNullable(after).map(stored -> ObjectDecoder.decode(className, schema, stored, true));
    }

    @Override
    public long deleteObjectsByQuery(String className, ClassSchema schema, Map<String, Object> where) {
        Document filter = filter(schema, where, false);
        return MongoErrors.call(() -> collection(className).deleteMany(filter).getDeletedCount());
    }

    @Override
    public void ensureUniqueness(String className, ClassSchema schema, List<String> fieldNames) {
        indexes.ensureUnique(className, schema, fieldNames);
    }

    @Override
    public void ensureExpiry(String className, ClassSchema schema, String dateField) {
        indexes.ensureExpiry(className, FieldNames.mongoName(schema, dateField));
    }

    @Override
    public List<Object> distinct(String className, ClassSchema schema, Map<String, Object> where, String field) {
        Document filter = filter(schema, where, false);
        String mongoField = FieldNames.mongoName(schema, field);
        boolean pointer = FieldNames.isPointer(schema, field);
        return MongoErrors.call(() -> {
            List<Object> values = new ArrayList<>();
            collection(className).distinct(mongoField, filter, BsonValue.class).forEach(value -> {
                Object plain = BsonValues.toJava(value);
                if (plain != null) {
                    values.add(pointer && plain instanceof String stored
                            ? BsonToRest.pointerFromString(stored) : BsonToRest.nested(plain));
                }
            });
            return values;
        });
    }

    @Override
    public List<Map<String, Object>> aggregate(String className, ClassSchema schema,
            List<Map<String, Object>> pipeline) {
        AggregateTranslator.Translated translated = new AggregateTranslator(schema, this::isOwnClass).translate(pipeline);
        return MongoErrors.call(() -> {
            List<Map<String, Object>> results = new ArrayList<>();
            collection(className).aggregate(translated.stages()).forEach(result -> results.add(
                    ObjectDecoder.decode(className, schema, AggregateResults.idAsObjectId(result,
                            translated.groupsByPointer()), false)));
            return results;
        });
    }

    // ---- relations ----

    @Override
    public void addRelation(String field, String ownerClass, String owningId, String relatedId) {
        joins.add(field, ownerClass, owningId, relatedId);
    }

    @Override
    public void removeRelation(String field, String ownerClass, String owningId, String relatedId) {
        joins.remove(field, ownerClass, owningId, relatedId);
    }

    @Override
    public List<String> relatedIds(String field, String ownerClass, List<String> owningIds) {
        return joins.relatedIds(field, ownerClass, owningIds);
    }

    @Override
    public List<String> owningIds(String field, String ownerClass, List<String> relatedIds) {
        return joins.owningIds(field, ownerClass, relatedIds);
    }

    // ---- global config ----

    @Override
    public Map<String, Object> getGlobalConfig() {
        return globalConfig.get();
    }

    @Override
    public void updateGlobalConfig(Map<String, Object> params, Map<String, Object> masterKeyOnly) {
        globalConfig.update(params, masterKeyOnly);
    }

    /** The database's client belongs to whoever created it; nothing is held here. */
    @Override
    public void close() {
    }

    private Document filter(ClassSchema schema, Map<String, Object> where, boolean forCount) {
        return new QueryTranslator(schema, clock.instant(), forCount).translate(where);
    }

    /** Whether the collection holds one of the app's classes (or their relations): what a {@code $lookup} may read. */
    private boolean isOwnClass(String collection) {
        if (SchemaNames.isJoinClassName(collection)) {
            String[] parts = collection.split(":");
            return parts.length == 3 && schemas.get(parts[2]).isPresent();
        }
        return SchemaNames.isValidClassName(collection) && schemas.get(collection).isPresent();
    }

    /** A class's collection, its operations bounded by the adapter's operation time. */
    MongoCollection<Document> collection(String className) {
        return database.getCollection(className);
    }

    /** Parse Server creates a field's text index on its first {@code $text} query. */
    private void ensureTextIndexes(String className, ClassSchema schema, Map<String, Object> where) {
        if (where == null) {
            return;
        }
        where.forEach((field, constraint) -> {
            if (constraint instanceof Map<?, ?> map && map.containsKey("$text")) {
                if (indexes.ensureTextIndex(className, schema, field)) {
                    Map<String, Map<String, Object>> recorded = new LinkedHashMap<>(schema.indexes());
                    recorded.put(field + "_text", Map.of(field, "text"));
                    schemas.setIndexes(className, recorded);
                }
            }
        });
    }

    /** As Parse Server does, a {@code $nearSphere} on a field without a geo index creates one and retries once. */
    private <T> T withGeoIndex(String className, ClassSchema schema, Map<String, Object> where, Supplier<T> find) {
        try {
            return find.get();
        } catch (MongoException e) {
            List<String> nearFields = nearSphereFields(schema, where);
            if (!MongoErrors.isMissingGeoIndex(e) || nearFields.isEmpty()) {
                throw MongoErrors.translate(e, MongoErrors.DUPLICATE_VALUE);
            }
            nearFields.forEach(field -> indexes.createGeoPointIndex(className, field));
            return MongoErrors.call(find);
        }
    }

    private static List<String> nearSphereFields(ClassSchema schema, Map<String, Object> where) {
        List<String> fields = new ArrayList<>();
        if (where != null) {
            where.forEach((field, constraint) -> {
                if (constraint instanceof Map<?, ?> map && map.containsKey("$nearSphere")) {
                    fields.add(FieldNames.mongoName(schema, field));
                }
            });
        }
        return fields;
    }
}
