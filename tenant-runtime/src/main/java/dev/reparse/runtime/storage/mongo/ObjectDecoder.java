package dev.reparse.runtime.storage.mongo;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A stored document back to a REST object, as Parse Server's {@code mongoObjectToParseObject} does. */
final class ObjectDecoder {
    /** Internal fields handed to the caller under their own names; it decides what to strip. */
    private static final Set<String> INTERNAL_PASS_THROUGH = Set.of("_hashed_password", "_email_verify_token",
            "_perishable_token", "_tombstone", "_failed_login_count", "_password_history");

    private ObjectDecoder() {
    }

    /** The REST object; relation fields of the schema are added as {@code {"__type":"Relation"}} when asked. */
    static Map<String, Object> decode(String className, ClassSchema schema, Map<String, Object> stored,
            boolean withRelations) {
        Map<String, Object> rest = new LinkedHashMap<>();
        if (stored.containsKey("_rperm") || stored.containsKey("_wperm")) {
            rest.put("ACL", AclFields.fromPermissions(stored.get("_rperm"), stored.get("_wperm")).toRest());
        }
        stored.forEach((key, value) -> decodeField(className, schema, key, value, rest));
        if (withRelations && schema != null) {
            schema.fields().forEach((name, type) -> {
                if (type.isRelation()) {
                    Map<String, Object> relation = new LinkedHashMap<>();
                    relation.put("__type", "Relation");
                    relation.put("className", type.targetClass());
                    rest.put(name, relation);
                }
            });
        }
        return rest;
    }

    private static void decodeField(String className, ClassSchema schema, String key, Object value,
            Map<String, Object> rest) {
        switch (key) {
            case "_rperm", "_wperm", "_acl" -> {
                // rebuilt into ACL above
            }
            case "_id" -> rest.put("objectId", BsonToRest.nested(value) instanceof String id ? id : String.valueOf(value));
            case "_created_at", "createdAt" -> rest.put("createdAt", BsonToRest.isoString(value));
            case "_updated_at", "updatedAt" -> rest.put("updatedAt", BsonToRest.isoString(value));
            case "_last_used" -> rest.put("lastUsed", BsonToRest.isoString(value));
            case "times_used" -> rest.put("timesUsed", value);
            case "_session_token" -> rest.put("sessionToken", value);
            case "authData" -> {
                if (!className.equals("_User")) {
                    rest.put(key, BsonToRest.nested(value));
                }
            }
            default -> decodeOrdinaryField(className, schema, key, value, rest);
        }
    }

    private static void decodeOrdinaryField(String className, ClassSchema schema, String key, Object value,
            Map<String, Object> rest) {
        if (key.startsWith(FieldNames.AUTH_DATA_PREFIX) && className.equals("_User")) {
            authData(rest).put(key.substring(FieldNames.AUTH_DATA_PREFIX.length()), BsonToRest.nested(value));
        } else if (key.startsWith(FieldNames.POINTER_PREFIX)) {
            decodePointer(schema, key.substring(FieldNames.POINTER_PREFIX.length()), value, rest);
        } else if (INTERNAL_PASS_THROUGH.contains(key)) {
            rest.put(key, BsonToRest.nested(value));
        } else {
            FieldType field = FieldNames.fieldType(schema, key).orElse(null);
            rest.put(key, BsonToRest.topLevel(value, field));
        }
    }

    /** Parse Server drops pointer columns the schema does not know as pointers, and null pointers. */
    private static void decodePointer(ClassSchema schema, String field, Object value, Map<String, Object> rest) {
        if (!FieldNames.isPointer(schema, field) || !(value instanceof String stored)) {
            return;
        }
        Map<String, Object> pointer = BsonToRest.pointerFromString(stored);
        if (pointer != null) {
            rest.put(field, pointer);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> authData(Map<String, Object> rest) {
        return (Map<String, Object>) rest.computeIfAbsent("authData", key -> new LinkedHashMap<>());
    }
}
