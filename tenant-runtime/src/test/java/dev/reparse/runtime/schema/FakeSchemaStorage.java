package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.storage.QueryOptions;
import dev.reparse.runtime.storage.StorageAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The schema half of a storage adapter, in memory, behaving as the Mongo adapter's {@code _SCHEMA}
 * handling does; object methods other than {@code count} are not needed by the schema layer.
 */
final class FakeSchemaStorage implements StorageAdapter {
    private final Map<String, ClassSchema> schemas = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    final List<String> droppedClasses = new ArrayList<>();
    final AtomicInteger addFieldCalls = new AtomicInteger();
    final AtomicInteger getAllClassesCalls = new AtomicInteger();

    /** Puts a schema straight into storage, as another replica or an attached database would have. */
    synchronized void store(ClassSchema schema) {
        schemas.put(schema.className(), schema);
    }

    synchronized void setCount(String className, long count) {
        counts.put(className, count);
    }

    synchronized Optional<ClassSchema> stored(String className) {
        return Optional.ofNullable(schemas.get(className));
    }

    @Override
    public synchronized List<ClassSchema> getAllClasses() {
        getAllClassesCalls.incrementAndGet();
        return List.copyOf(schemas.values());
    }

    @Override
    public synchronized Optional<ClassSchema> getClass(String className) {
        return Optional.ofNullable(schemas.get(className));
    }

    @Override
    public synchronized void createClass(ClassSchema schema) {
        if (schemas.containsKey(schema.className())) {
            throw new ParseException(ParseErrorCode.INVALID_CLASS_NAME, "Class " + schema.className() + " already exists.");
        }
        Map<String, Map<String, Object>> indexes = new LinkedHashMap<>();
        if (!schema.indexes().isEmpty()) {
            indexes.put("_id_", Map.of("_id", 1));
            indexes.putAll(schema.indexes());
        }
        schemas.put(schema.className(), new ClassSchema(schema.className(), schema.fields(),
                schema.classLevelPermissions(), indexes));
    }

    @Override
    public synchronized void addField(String className, String fieldName, FieldType type) {
        addFieldCalls.incrementAndGet();
        ClassSchema schema = schemas.get(className);
        if (schema == null) {
            throw new IllegalStateException("no schema stored for " + className);
        }
        FieldType existing = schema.fields().get(fieldName);
        if (existing != null && !existing.equals(type)) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "field " + fieldName + " exists with another type");
        }
        schemas.put(className, schema.withField(fieldName, type));
    }

    @Override
    public synchronized void deleteFields(String className, ClassSchema schema, List<String> fieldNames) {
        ClassSchema stored = schemas.get(className);
        Map<String, FieldType> fields = new LinkedHashMap<>(stored.fields());
        fieldNames.forEach(fields::remove);
        schemas.put(className, new ClassSchema(className, fields, stored.classLevelPermissions(), stored.indexes()));
    }

    @Override
    public synchronized void setClassLevelPermissions(String className, Map<String, Object> classLevelPermissions) {
        ClassSchema stored = schemas.get(className);
        schemas.put(className, new ClassSchema(className, stored.fields(), classLevelPermissions, stored.indexes()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void updateIndexes(String className, ClassSchema schema, Map<String, Object> indexChanges) {
        ClassSchema stored = schemas.get(className);
        Map<String, Map<String, Object>> indexes = new LinkedHashMap<>(stored.indexes());
        if (indexes.isEmpty()) {
            indexes.put("_id_", Map.of("_id", 1));
        }
        indexChanges.forEach((name, change) -> {
            if (FieldSpecs.isDelete(change)) {
                indexes.remove(name);
            } else {
                indexes.put(name, (Map<String, Object>) change);
            }
        });
        schemas.put(className, new ClassSchema(className, stored.fields(), stored.classLevelPermissions(), indexes));
    }

    @Override
    public synchronized void deleteClass(String className) {
        droppedClasses.add(className);
        schemas.remove(className);
    }

    @Override
    public synchronized long count(String className, ClassSchema schema, Map<String, Object> where) {
        return counts.getOrDefault(className, 0L);
    }

    @Override
    public void createObject(String className, ClassSchema schema, Map<String, Object> object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Map<String, Object>> find(String className, ClassSchema schema, Map<String, Object> where,
            QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Map<String, Object>> findOneAndUpdate(String className, ClassSchema schema,
            Map<String, Object> where, Map<String, Object> update) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long deleteObjectsByQuery(String className, ClassSchema schema, Map<String, Object> where) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void ensureUniqueness(String className, ClassSchema schema, List<String> fieldNames) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Object> distinct(String className, ClassSchema schema, Map<String, Object> where, String field) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Map<String, Object>> aggregate(String className, ClassSchema schema,
            List<Map<String, Object>> pipeline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addRelation(String field, String ownerClass, String owningId, String relatedId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeRelation(String field, String ownerClass, String owningId, String relatedId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> relatedIds(String field, String ownerClass, List<String> owningIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> owningIds(String field, String ownerClass, List<String> relatedIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> getGlobalConfig() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateGlobalConfig(Map<String, Object> params, Map<String, Object> masterKeyOnly) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
