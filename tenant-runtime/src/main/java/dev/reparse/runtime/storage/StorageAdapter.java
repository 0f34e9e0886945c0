package dev.reparse.runtime.storage;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one app's objects, schemas and config live. Implementations translate between Parse's
 * REST format and their storage layout.
 *
 * <p>The REST format used here is Parse Server's adapter format: an object is a map with
 * {@code objectId}, {@code createdAt} and {@code updatedAt} as ISO strings, {@code ACL} in its
 * REST form, other values in their JSON encodings ({@code {"__type":"Pointer",...}}, {@code
 * {"__type":"Date","iso":...}}, ...), and internal fields (e.g. {@code _hashed_password}) under
 * their own names. Relation fields are not stored on the object. A {@code where} is a Parse REST
 * where whose {@code $inQuery}, {@code $select}, {@code $relatedTo} and friends the caller has
 * already resolved; it may name {@code _rperm} and {@code _wperm}. Objects returned never carry
 * {@code _rperm}, {@code _wperm} or {@code _acl}: their {@code ACL} is rebuilt from them.
 *
 * <p>Errors are {@link dev.reparse.protocol.ParseException}s: 137 for a unique-index duplicate,
 * 102 for a query the store cannot run, 1 for an I/O failure.
 */
public interface StorageAdapter extends AutoCloseable {

    // ---- schemas (Parse Server's _SCHEMA collection) ----

    List<ClassSchema> getAllClasses();

    Optional<ClassSchema> getClass(String className);

    /** Stores a new class's schema; 103 "Class X already exists." when it does. */
    void createClass(ClassSchema schema);

    /** Adds a field to a stored schema unless it is already there with the same type. */
    void addField(String className, String fieldName, FieldType type);

    /** Removes fields from the schema and their values from every object (and join collections for relations). */
    void deleteFields(String className, ClassSchema schema, List<String> fieldNames);

    void setClassLevelPermissions(String className, Map<String, Object> classLevelPermissions);

    /** Creates (value {@code {field: 1}}) or drops (value {@code {"__op":"Delete"}}) named indexes and records them in the schema. */
    void updateIndexes(String className, ClassSchema schema, Map<String, Object> indexChanges);

    /** Drops the class's collection and schema document. */
    void deleteClass(String className);

    // ---- objects ----

    /** Inserts one object; 137 when a unique index refuses it. */
    void createObject(String className, ClassSchema schema, Map<String, Object> object);

    /**
     * Inserts several objects of one class in one round trip where the store can; each fails or
     * succeeds on its own. Returns, per object in order, null for stored or the error that refused it.
     */
    default List<dev.reparse.protocol.ParseException> createObjects(String className, ClassSchema schema,
            List<Map<String, Object>> objects) {
        List<dev.reparse.protocol.ParseException> outcomes = new java.util.ArrayList<>();
        for (Map<String, Object> object : objects) {
            try {
                createObject(className, schema, object);
                outcomes.add(null);
            } catch (dev.reparse.protocol.ParseException e) {
                outcomes.add(e);
            }
        }
        return outcomes;
    }

    List<Map<String, Object>> find(String className, ClassSchema schema, Map<String, Object> where,
            QueryOptions options);

    /** Checks that the store could run the where (102, 107 as {@link #find} would fail), without running it. */
    default void checkQuery(String className, ClassSchema schema, Map<String, Object> where) {
    }

    long count(String className, ClassSchema schema, Map<String, Object> where);

    /**
     * Applies an update to the first object matching {@code where}; returns the object as it is
     * after the update, or empty when none matched. {@code update} maps field names (dot paths
     * allowed) to values or to {@code {"__op": "Increment"|"Add"|"AddUnique"|"Remove"|"Delete",
     * ...}}.
     */
    Optional<Map<String, Object>> findOneAndUpdate(String className, ClassSchema schema,
            Map<String, Object> where, Map<String, Object> update);

    /** Deletes every matching object; returns how many were deleted. */
    long deleteObjectsByQuery(String className, ClassSchema schema, Map<String, Object> where);

    /** Creates a unique index on the fields; 137 when existing data has duplicates. */
    void ensureUniqueness(String className, ClassSchema schema, List<String> fieldNames);

    /**
     * Lets the store delete objects once the date in the field has passed (MongoDB's TTL index), where it
     * can; readers must still treat passed dates as gone, as a store may not, or may only once a minute.
     */
    default void ensureExpiry(String className, ClassSchema schema, String dateField) {
    }

    /** Distinct values of a field (dot paths allowed) among matching objects, REST-encoded. */
    List<Object> distinct(String className, ClassSchema schema, Map<String, Object> where, String field);

    /** Runs a Parse aggregate pipeline (REST field names, {@code objectId} for {@code _id}). */
    List<Map<String, Object>> aggregate(String className, ClassSchema schema, List<Map<String, Object>> pipeline);

    // ---- relations (Parse Server's _Join:<field>:<ownerClass> collections) ----

    void addRelation(String field, String ownerClass, String owningId, String relatedId);

    void removeRelation(String field, String ownerClass, String owningId, String relatedId);

    /** Ids of the objects related to the owners through the field. */
    List<String> relatedIds(String field, String ownerClass, List<String> owningIds);

    /** Ids of the owners that relate to any of the related ids through the field. */
    List<String> owningIds(String field, String ownerClass, List<String> relatedIds);

    // ---- global config (Parse Server's _GlobalConfig collection) ----

    /** {@code {"params": {...}, "masterKeyOnly": {...}}}; both empty when nothing is stored. */
    Map<String, Object> getGlobalConfig();

    /** Sets (or, for a {@code {"__op":"Delete"}} value, unsets) params and their masterKeyOnly flags. */
    void updateGlobalConfig(Map<String, Object> params, Map<String, Object> masterKeyOnly);

    @Override
    void close();
}
