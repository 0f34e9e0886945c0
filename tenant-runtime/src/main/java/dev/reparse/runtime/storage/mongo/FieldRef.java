package dev.reparse.runtime.storage.mongo;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.Map;

/**
 * A field named in a query: its stored name, and the type that decides how its operands are encoded.
 *
 * @param mongoKey the stored name or dot path
 * @param type the schema type, or null when unknown or a dot path
 * @param dotted whether the name reaches into an Object field, whose values are stored as interior values
 */
record FieldRef(String mongoKey, FieldType type, boolean dotted) {

    static FieldRef resolve(ClassSchema schema, String restKey, Object value) {
        return switch (restKey) {
            case "objectId" -> new FieldRef("_id", FieldType.of("String"), false);
            case "createdAt" -> new FieldRef("_created_at", FieldType.of("Date"), false);
            case "updatedAt" -> new FieldRef("_updated_at", FieldType.of("Date"), false);
            case "lastUsed" -> new FieldRef("_last_used", FieldType.of("Date"), false);
            case "sessionToken" -> new FieldRef("_session_token", FieldType.of("String"), false);
            case "timesUsed" -> new FieldRef("times_used", FieldType.of("Number"), false);
            default -> resolveOrdinary(schema, restKey, value);
        };
    }

    private static FieldRef resolveOrdinary(ClassSchema schema, String restKey, Object value) {
        var authDataKey = FieldNames.authDataIdQueryKey(restKey);
        if (authDataKey.isPresent()) {
            return new FieldRef(authDataKey.get(), null, true);
        }
        if (restKey.equals("expiresAt") || FieldNames.INTERNAL_DATE_FIELDS.contains(restKey)) {
            return new FieldRef(restKey, FieldType.of("Date"), false);
        }
        if (restKey.contains(".")) {
            return new FieldRef(restKey, null, true);
        }
        FieldType type = FieldNames.fieldType(schema, restKey).orElse(null);
        boolean untypedPointer = type == null && value instanceof Map<?, ?> map && "Pointer".equals(map.get("__type"));
        if (untypedPointer) {
            return new FieldRef(FieldNames.POINTER_PREFIX + restKey, null, false);
        }
        String mongoKey = type != null && type.isPointer() ? FieldNames.POINTER_PREFIX + restKey : restKey;
        return new FieldRef(mongoKey, type, false);
    }

    boolean isDate() {
        return type != null && type.type().equals("Date");
    }

    boolean isArray() {
        return type != null && type.type().equals("Array");
    }
}
