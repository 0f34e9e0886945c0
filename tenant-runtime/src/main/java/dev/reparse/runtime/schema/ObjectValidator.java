package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an object write against its class's schema and adds the fields it introduces, the way
 * Parse Server's {@code validateObject} and {@code enforceFieldExists} do.
 */
final class ObjectValidator {
    /** Push counters keyed by UTC offsets like "-8": a numeric key there is a map key, not an array index. */
    private static final Set<String> OFFSET_MAPS = Set.of("sentPerUTCOffset", "failedPerUTCOffset");

    private final SchemaCache cache;

    ObjectValidator(SchemaCache cache) {
        this.cache = cache;
    }

    ClassSchema validate(String className, Map<String, Object> object, boolean allowAddField) {
        Map<String, FieldType> wanted = inferFieldTypes(className, object);
        ClassSchema schema = cache.ensureStored(className);
        Map<String, FieldType> missing = compare(schema, wanted);
        if (missing.isEmpty()) {
            return schema;
        }
        if (!allowAddField) {
            throw SchemaErrors.addFieldForbidden(className);
        }
        return cache.write(() -> addFields(className, missing));
    }

    /** The type each top-level field gets from this write; names are checked, typeless values skipped. */
    private static Map<String, FieldType> inferFieldTypes(String className, Map<String, Object> object) {
        requireOneGeoPoint(object);
        Map<String, FieldType> wanted = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            if (key.equals("ACL")) {
                return; // every object has an ACL; its shape is the security layer's business
            }
            String field = rootField(key, className);
            Optional<FieldType> type = ValueTypes.typeOf(value).map(valueType -> nestedType(key, field, valueType));
            type.ifPresent(t -> {
                FieldType earlier = wanted.putIfAbsent(field, t);
                if (earlier != null && !earlier.equals(t)) {
                    throw SchemaErrors.mismatch(className, field, earlier, t);
                }
            });
        });
        return wanted;
    }

    private static void requireOneGeoPoint(Map<String, Object> object) {
        long geoPoints = object.values().stream()
                .filter(value -> value instanceof Map<?, ?> map && "GeoPoint".equals(map.get("__type")))
                .count();
        if (geoPoints > 1) {
            throw SchemaErrors.secondGeoPoint();
        }
    }

    /** The top-level field a key writes: {@code a} for {@code a.b}; fails with 105 for a bad name. */
    private static String rootField(String key, String className) {
        int dot = key.indexOf('.');
        String field = dot > 0 ? key.substring(0, dot) : key;
        if (!SchemaNames.isValidFieldName(field, className) || (dot > 0 && dot == key.length() - 1)) {
            throw SchemaErrors.invalidFieldName(field);
        }
        return field;
    }

    /** A dot key writes inside its field, which is therefore an Object, or an Array for an index. */
    private static FieldType nestedType(String key, String field, FieldType valueType) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return valueType;
        }
        String next = key.substring(dot + 1).split("\\.", 2)[0];
        boolean arrayIndex = !next.isEmpty() && next.chars().allMatch(c -> c >= '0' && c <= '9');
        return FieldType.of(arrayIndex && !OFFSET_MAPS.contains(field) ? "Array" : "Object");
    }

    /** The wanted fields the schema lacks; fails with 111 when one it has differs. */
    private static Map<String, FieldType> compare(ClassSchema schema, Map<String, FieldType> wanted) {
        Map<String, FieldType> missing = new LinkedHashMap<>();
        wanted.forEach((field, type) -> {
            FieldType expected = schema.fields().get(field);
            if (expected == null) {
                missing.put(field, type);
            } else if (!expected.equals(type)) {
                throw SchemaErrors.mismatch(schema.className(), field, expected, type);
            }
        });
        return missing;
    }

    /**
     * Adds the fields under the write lock, re-checking each against the latest schema: a concurrent
     * write may have added it meanwhile, with the same type (fine) or another (111).
     */
    private ClassSchema addFields(String className, Map<String, FieldType> missing) {
        ClassSchema current = cache.ensureStored(className);
        for (Map.Entry<String, FieldType> field : missing.entrySet()) {
            current = addField(current, field.getKey(), field.getValue());
        }
        ClassSchema reread = cache.refresh(className).orElseThrow(() -> SchemaErrors.classMissing(className));
        compare(reread, missing).keySet().stream().findFirst().ifPresent(lost -> {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "Could not add field " + lost);
        });
        return reread;
    }

    private ClassSchema addField(ClassSchema current, String field, FieldType type) {
        FieldType existing = current.fields().get(field);
        if (existing != null) {
            if (!existing.equals(type)) {
                throw SchemaErrors.mismatch(current.className(), field, existing, type);
            }
            return current;
        }
        List<String> geoPoints = DefaultSchemas.geoPointFields(current.fields());
        if (type.type().equals("GeoPoint") && !geoPoints.isEmpty()) {
            throw SchemaErrors.secondGeoPoint();
        }
        try {
            cache.storage().addField(current.className(), field, type);
        } catch (ParseException e) {
            if (e.code() == ParseErrorCode.INCORRECT_TYPE) {
                // Another replica added the field with another type; report it as a mismatch if so.
                cache.refresh(current.className()).flatMap(s -> s.field(field))
                        .filter(stored -> !stored.equals(type))
                        .ifPresent(stored -> {
                            throw SchemaErrors.mismatch(current.className(), field, stored, type);
                        });
            }
            throw e;
        }
        return current.withField(field, type);
    }
}
