package dev.reparse.runtime.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code /schemas} answer form of a class schema. */
final class SchemaJson {
    private SchemaJson() {
    }

    /** {@code {className, fields, classLevelPermissions, indexes}}; {@code indexes} only when some are recorded. */
    static Map<String, Object> toJson(ClassSchema schema) {
        Map<String, Object> fields = new LinkedHashMap<>();
        schema.fields().forEach((name, type) -> fields.put(name, type.toJson()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("className", schema.className());
        json.put("fields", fields);
        json.put("classLevelPermissions", schema.classLevelPermissions());
        if (!schema.indexes().isEmpty()) {
            json.put("indexes", schema.indexes());
        }
        return json;
    }
}
