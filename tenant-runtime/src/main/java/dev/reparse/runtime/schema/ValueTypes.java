package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema type a REST JSON value (or update operation) gives its field, as Parse Server's
 * {@code getType} infers it.
 */
public final class ValueTypes {
    private ValueTypes() {
    }

    /**
     * The type the value gives its field, or empty when it gives none ({@code null}, {@code
     * {"__op":"Delete"}}). Malformed encodings fail with 111; a pointer without an object id with 106.
     */
    public static Optional<FieldType> typeOf(Object value) {
        return switch (value) {
            case null -> Optional.empty();
            case Boolean b -> Optional.of(FieldType.of("Boolean"));
            case String s -> Optional.of(FieldType.of("String"));
            case Number n -> Optional.of(FieldType.of("Number"));
            case List<?> list -> Optional.of(FieldType.of("Array"));
            case Map<?, ?> map -> objectType(map);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        };
    }

    private static Optional<FieldType> objectType(Map<?, ?> value) {
        if (value.containsKey("__type")) {
            return Optional.of(encodedType(value));
        }
        // A query value like {"$ne": {...}} types its field by the compared value.
        if (value.get("$ne") != null) {
            return typeOf(value.get("$ne"));
        }
        if (value.containsKey("__op")) {
            return operationType(value);
        }
        return Optional.of(FieldType.of("Object"));
    }

    private static FieldType encodedType(Map<?, ?> value) {
        Object encoding = value.get("__type");
        FieldType type = switch (String.valueOf(encoding)) {
            case "Pointer" -> pointerType(value);
            case "Relation" -> value.get("className") instanceof String target && !target.isEmpty()
                    ? FieldType.relation(target) : null;
            case "File" -> present(value, "name") ? FieldType.of("File") : null;
            case "Date" -> present(value, "iso") ? FieldType.of("Date") : null;
            case "GeoPoint" -> value.get("latitude") != null && value.get("longitude") != null
                    ? FieldType.of("GeoPoint") : null;
            case "Bytes" -> present(value, "base64") ? FieldType.of("Bytes") : null;
            case "Polygon" -> value.get("coordinates") != null ? FieldType.of("Polygon") : null;
            default -> null;
        };
        if (type == null) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "This is not a valid " + encoding);
        }
        return type;
    }

    private static FieldType pointerType(Map<?, ?> value) {
        if (!(value.get("className") instanceof String target) || target.isEmpty()) {
            return null;
        }
        if (!(value.get("objectId") instanceof String id) || id.isEmpty()) {
            throw new ParseException(ParseErrorCode.INVALID_POINTER, "invalid pointer: missing objectId");
        }
        return FieldType.pointer(target);
    }

    private static Optional<FieldType> operationType(Map<?, ?> operation) {
        Object op = operation.get("__op");
        return switch (String.valueOf(op)) {
            case "Increment" -> Optional.of(FieldType.of("Number"));
            case "Delete" -> Optional.empty();
            case "Add", "AddUnique", "Remove" -> Optional.of(FieldType.of("Array"));
            case "AddRelation", "RemoveRelation" -> Optional.of(relationOperationType(operation));
            case "Batch" -> batchType(operation);
            default -> throw new ParseException(ParseErrorCode.COMMAND_UNAVAILABLE,
                    "The " + op + " operator is not supported yet.");
        };
    }

    /** A relation names its target class only through the pointers it adds or removes, which must agree. */
    private static FieldType relationOperationType(Map<?, ?> operation) {
        String op = String.valueOf(operation.get("__op"));
        if (!(operation.get("objects") instanceof List<?> objects) || objects.isEmpty()) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "objects to " + verb(op) + " must be an array");
        }
        String target = null;
        for (Object object : objects) {
            if (!(object instanceof Map<?, ?> pointer) || !"Pointer".equals(pointer.get("__type"))) {
                throw new ParseException(ParseErrorCode.INVALID_POINTER, "objects in " + op + " must be pointers");
            }
            String className = pointerType(pointer) == null ? null : (String) pointer.get("className");
            if (className == null) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "This is not a valid Pointer");
            }
            if (target != null && !target.equals(className)) {
                throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
                        "all objects in " + op + " must have the same class, got " + target + " and " + className);
            }
            target = className;
        }
        return FieldType.relation(target);
    }

    private static Optional<FieldType> batchType(Map<?, ?> operation) {
        if (!(operation.get("ops") instanceof List<?> ops) || ops.isEmpty()) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "Batch ops must be a non-empty array");
        }
        if (!(ops.getFirst() instanceof Map<?, ?> first)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "Batch ops must be objects");
        }
        return operationType(first);
    }

    private static String verb(String op) {
        return op.equals("AddRelation") ? "add" : "remove";
    }

    /** JavaScript truthiness of a string member, which is what Parse Server's checks amount to. */
    private static boolean present(Map<?, ?> value, String key) {
        Object member = value.get(key);
        return member != null && !(member instanceof String s && s.isEmpty());
    }
}
