package dev.reparse.runtime.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One class's schema: its fields with their types, its class-level permissions and its indexes.
 * Immutable; a changed schema is a new value.
 *
 * @param className the Parse class name, e.g. {@code GameScore} or {@code _User}
 * @param fields every field including the defaults ({@code objectId}, {@code createdAt}, ...)
 * @param classLevelPermissions the CLP document in the {@code /schemas} form
 * @param indexes index name to {@code {field: 1}} key document, in the {@code /schemas} form
 */
public record ClassSchema(String className, Map<String, FieldType> fields,
        Map<String, Object> classLevelPermissions, Map<String, Map<String, Object>> indexes) {

    public ClassSchema {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        classLevelPermissions = classLevelPermissions == null
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(classLevelPermissions));
        indexes = indexes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(indexes));
    }

    public Optional<FieldType> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public ClassSchema withField(String name, FieldType type) {
        Map<String, FieldType> next = new LinkedHashMap<>(fields);
        next.put(name, type);
        return new ClassSchema(className, next, classLevelPermissions, indexes);
    }
}
