package dev.reparse.runtime.storage.mongo;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * {@link ClassSchema} ↔ Parse Server's {@code _SCHEMA} document: {@code {_id: className, objectId:
 * "string", field: "number" | "*Target" | "relation<Target>", _metadata: {class_permissions,
 * indexes, fields_options}}}.
 */
final class SchemaDocuments {
    static final String COLLECTION = "_SCHEMA";

    /** Fields Parse Server never writes to {@code _SCHEMA}: the ACL columns and the password. */
    private static final Set<String> NOT_STORED = Set.of("ACL", "_rperm", "_wperm", "_hashed_password");
    private static final Set<String> NON_FIELD_KEYS = Set.of("_id", "_metadata", "_client_permissions");
    private static final List<String> CLP_OPERATIONS =
            List.of("find", "count", "get", "create", "update", "delete", "addField");

    private SchemaDocuments() {
    }

    static Document toDocument(ClassSchema schema) {
        Document stored = new Document("_id", schema.className())
                .append("objectId", "string")
                .append("updatedAt", "string")
                .append("createdAt", "string");
        schema.fields().forEach((name, type) -> {
            if (isStored(schema.className(), name)) {
                stored.put(name, type.toMongoType());
            }
        });
        Document metadata = new Document();
        if (!schema.classLevelPermissions().isEmpty()) {
            metadata.put("class_permissions", RestToBson.plain(schema.classLevelPermissions()));
        }
        if (!schema.indexes().isEmpty()) {
            metadata.put("indexes", RestToBson.plain(schema.indexes()));
        }
        if (!metadata.isEmpty()) {
            stored.put("_metadata", metadata);
        }
        return stored;
    }

    static boolean isStored(String className, String fieldName) {
        return !NOT_STORED.contains(fieldName) && !(className.equals("_User") && fieldName.equals("password"));
    }

    static ClassSchema fromDocument(Document stored) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        fields.put("objectId", FieldType.of("String"));
        fields.put("createdAt", FieldType.of("Date"));
        fields.put("updatedAt", FieldType.of("Date"));
        fields.put("ACL", FieldType.of("ACL"));
        stored.forEach((name, type) -> {
            if (!NON_FIELD_KEYS.contains(name) && !fields.containsKey(name) && type instanceof String mongoType) {
                readType(mongoType).ifPresent(fieldType -> fields.put(name, fieldType));
            }
        });
        Map<String, Object> metadata = stored.get("_metadata") instanceof Map<?, ?> map ? json(map) : Map.of();
        return new ClassSchema(String.valueOf(stored.get("_id")), fields, classLevelPermissions(metadata),
                indexes(metadata));
    }

    /** Types written by other tools that Parse does not know are left out rather than failing the whole schema. */
    private static java.util.Optional<FieldType> readType(String mongoType) {
        try {
            return java.util.Optional.of(FieldType.fromMongoType(mongoType));
        } catch (ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** Parse Server's reading: no stored CLP means public, a stored one starts from "nobody" for omitted operations. */
    private static Map<String, Object> classLevelPermissions(Map<String, Object> metadata) {
        Map<String, Object> clp = new LinkedHashMap<>();
        boolean stored = metadata.get("class_permissions") instanceof Map<?, ?>;
        CLP_OPERATIONS.forEach(operation -> clp.put(operation, stored ? new LinkedHashMap<>() : Map.of("*", true)));
        clp.put("protectedFields", stored ? new LinkedHashMap<>() : Map.of("*", List.of()));
        if (metadata.get("class_permissions") instanceof Map<?, ?> permissions) {
            permissions.forEach((key, value) -> clp.put(String.valueOf(key), value));
        }
        return clp;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> indexes(Map<String, Object> metadata) {
        Map<String, Map<String, Object>> indexes = new LinkedHashMap<>();
        if (metadata.get("indexes") instanceof Map<?, ?> stored) {
            stored.forEach((name, keys) -> {
                if (keys instanceof Map<?, ?> keyMap) {
                    indexes.put(String.valueOf(name), (Map<String, Object>) keyMap);
                }
            });
        }
        return indexes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Map<?, ?> map) {
        return (Map<String, Object>) BsonToRest.nested(map);
    }
}
