package dev.reparse.runtime.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the {@code indexes} of a {@code /schemas} request before any storage is touched, with
 * Parse Server's messages (code 102): it checks them in the Mongo adapter, after fields already changed.
 */
final class IndexChanges {
    private IndexChanges() {
    }

    /**
     * Fails unless every change adds a new index on existing fields or drops an existing one.
     *
     * @param existing the class's recorded indexes; none recorded means only Mongo's {@code _id_}
     */
    static void validate(Map<String, Object> changes, Map<String, Map<String, Object>> existing,
            Map<String, FieldType> fields) {
        if (changes == null) {
            return;
        }
        Map<String, Object> known = new LinkedHashMap<>(existing);
        if (known.isEmpty()) {
            known.put("_id_", Map.of("_id", 1));
        }
        changes.forEach((name, change) -> {
            boolean drop = FieldSpecs.isDelete(change);
            if (known.containsKey(name) && !drop) {
                throw SchemaErrors.index("Index " + name + " exists, cannot update.");
            }
            if (!known.containsKey(name) && drop) {
                throw SchemaErrors.index("Index " + name + " does not exist, cannot delete.");
            }
            if (drop) {
                known.remove(name);
                return;
            }
            if (!(change instanceof Map<?, ?> keys) || keys.isEmpty()) {
                throw SchemaErrors.invalidJson();
            }
            for (Object key : keys.keySet()) {
                String field = String.valueOf(key);
                // Mongo-format pointer columns may be indexed by their storage name.
                String fieldName = field.startsWith("_p_") ? field.substring(3) : field;
                if (!fields.containsKey(fieldName)) {
                    throw SchemaErrors.index("Field " + field + " does not exist, cannot add index.");
                }
            }
            known.put(name, change);
        });
    }
}
