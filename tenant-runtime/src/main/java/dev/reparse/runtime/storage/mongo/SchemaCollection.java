package dev.reparse.runtime.storage.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Class schemas in Parse Server's {@code _SCHEMA} collection, and the collections they describe. */
final class SchemaCollection {
    private static final System.Logger LOG = System.getLogger(SchemaCollection.class.getName());

    private final MongoDatabase database;
    private final MongoCollection<Document> schemas;
    private final IndexManager indexes;

    SchemaCollection(MongoDatabase database, IndexManager indexes) {
        this.database = database;
        this.schemas = database.getCollection(SchemaDocuments.COLLECTION);
        this.indexes = indexes;
    }

    List<ClassSchema> all() {
        return MongoErrors.call(() -> {
            List<ClassSchema> all = new ArrayList<>();
            schemas.find().forEach(stored -> all.add(SchemaDocuments.fromDocument(stored)));
            return all;
        });
    }

    Optional<ClassSchema> get(String className) {
        return MongoErrors.call(() -> Optional.ofNullable(schemas.find(eq("_id", className)).first())
                .map(SchemaDocuments::fromDocument));
    }

    void create(ClassSchema schema) {
        String duplicate = "Class " + schema.className() + " already exists.";
        ensureCollection(schema.className());
        try {
            MongoErrors.run(() -> schemas.insertOne(SchemaDocuments.toDocument(schema)));
        } catch (ParseException e) {
            throw e.code() == ParseErrorCode.DUPLICATE_VALUE
                    ? new ParseException(ParseErrorCode.INVALID_CLASS_NAME, duplicate) : e;
        }
        schema.indexes().forEach((name, keys) -> {
            if (!name.equals("_id_")) {
                indexes.create(schema.className(), schema, name, keys);
            }
        });
    }

    /**
     * Creates the collection before its schema names it, so that a name the database refuses (too long
     * for its namespace) fails before anything is recorded: schema and data never disagree.
     */
    private void ensureCollection(String name) {
        try {
            database.createCollection(name);
        } catch (MongoException e) {
            if (e.getCode() == MongoErrors.NAMESPACE_EXISTS || String.valueOf(e.getMessage()).contains("already exists")) {
                return;
            }
            if (e.getCode() == MongoErrors.INVALID_NAMESPACE || String.valueOf(e.getMessage()).contains("too long")) {
                throw new ParseException(ParseErrorCode.INVALID_CLASS_NAME,
                        "Invalid classname: the database cannot hold a collection named " + name + ".");
            }
            throw MongoErrors.translate(e, MongoErrors.DUPLICATE_VALUE);
        }
    }

    void addField(String className, String fieldName, FieldType type) {
        Optional<ClassSchema> existing = get(className);
        Optional<FieldType> current = existing.flatMap(schema -> schema.field(fieldName));
        if (current.isPresent()) {
            if (!current.get().sameType(type)) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "schema mismatch for " + className + "."
                        + fieldName + "; expected " + current.get().type() + " but got " + type.type());
            }
            return;
        }
        if (type.type().equals("GeoPoint") && existing.isPresent() && existing.get().fields().values().stream()
                .anyMatch(field -> field.type().equals("GeoPoint"))) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
                    "MongoDB only supports one GeoPoint field in a class.");
        }
        if (type.isRelation()) {
            ensureCollection("_Join:" + fieldName + ":" + className);
        }
        // Guarded by $exists so that a concurrent add of the same field cannot overwrite its type.
        Document set = new Document(fieldName, type.toMongoType());
        if (type.hasOptions()) {
            set.put("_metadata.fields_options." + fieldName, SchemaDocuments.fieldOptions(type));
        }
        MongoErrors.run(() -> schemas.updateOne(Filters.and(eq("_id", className), Filters.exists(fieldName, false)),
                new Document("$set", set), new UpdateOptions().upsert(true)));
        if (type.type().equals("Polygon")) {
            createPolygonIndex(className, fieldName);
        }
    }

    /** Parse Server indexes polygons for {@code $geoIntersects}; a server without 2dsphere support only loses speed. */
    private void createPolygonIndex(String className, String fieldName) {
        try {
            database.getCollection(className).createIndex(new Document(fieldName, "2dsphere"));
        } catch (MongoException e) {
            LOG.log(System.Logger.Level.WARNING, "could not create 2dsphere index on " + className + "." + fieldName, e);
        }
    }

    void deleteFields(String className, ClassSchema schema, List<String> fieldNames) {
        Document unsetValues = new Document();
        List<Document> present = new ArrayList<>();
        Document unsetSchema = new Document();
        for (String name : fieldNames) {
            String stored = FieldNames.isPointer(schema, name) ? FieldNames.POINTER_PREFIX + name : name;
            unsetValues.put(stored, null);
            present.add(new Document(stored, new Document("$exists", true)));
            unsetSchema.put(name, null);
            unsetSchema.put("_metadata.fields_options." + name, null);
        }
        if (fieldNames.isEmpty()) {
            return;
        }
        MongoErrors.run(() -> {
            database.getCollection(className).updateMany(new Document("$or", present), new Document("$unset", unsetValues));
            schemas.updateOne(eq("_id", className), new Document("$unset", unsetSchema));
        });
        fieldNames.stream()
                .filter(name -> schema.field(name).map(FieldType::isRelation).orElse(false))
                .forEach(name -> dropCollection(JoinCollections.name(name, className)));
    }

    void setClassLevelPermissions(String className, Map<String, Object> permissions) {
        MongoErrors.run(() -> schemas.updateOne(eq("_id", className),
                new Document("$set", new Document("_metadata.class_permissions", RestToBson.plain(permissions)))));
    }

    void setIndexes(String className, Map<String, Map<String, Object>> indexes) {
        MongoErrors.run(() -> schemas.updateOne(eq("_id", className),
                new Document("$set", new Document("_metadata.indexes", RestToBson.plain(indexes)))));
    }

    /** Drops the class, its schema document and the join collections of its relation fields. */
    void deleteClass(String className) {
        get(className).ifPresent(schema -> schema.fields().forEach((name, type) -> {
            if (type.isRelation()) {
                dropCollection(JoinCollections.name(name, className));
            }
        }));
        dropCollection(className);
        MongoErrors.run(() -> schemas.deleteOne(eq("_id", className)));
    }

    private void dropCollection(String name) {
        MongoErrors.run(() -> database.getCollection(name).drop());
    }
}
