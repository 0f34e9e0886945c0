package dev.reparse.runtime.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code /schemas} operations: create, update and drop a class. Every check runs before the
 * first storage change, so a refused request changes nothing.
 */
final class SchemaEditor {
    private final SchemaCache cache;
    private final PermissionsValidator permissions;

    SchemaEditor(SchemaCache cache, PermissionsValidator permissions) {
        this.cache = cache;
        this.permissions = permissions;
    }

    ClassSchema createClass(String className, Map<String, Object> fields, Map<String, Object> clp,
            Map<String, Object> indexes) {
        return cache.write(() -> {
            requireAbsent(className);
            Map<String, FieldType> all = DefaultSchemas.defaultFields(className);
            all.putAll(newFields(className, orEmpty(fields), Set.of()));
            requireOneGeoPoint(all);
            permissions.validate(clp, all);
            IndexChanges.validate(indexes, Map.of(), all);
            cache.storage().createClass(new ClassSchema(className, all,
                    clp == null ? DefaultSchemas.defaultPermissions() : DefaultSchemas.explicitPermissions(clp),
                    indexDefinitions(indexes)));
            return cache.refresh(className).orElseThrow(() -> SchemaErrors.classMissing(className));
        });
    }

    ClassSchema updateClass(String className, Map<String, Object> fields, Map<String, Object> clp,
            Map<String, Object> indexes) {
        return cache.write(() -> {
            ClassSchema existing = existingClass(className);
            Map<String, Object> changes = orEmpty(fields);
            List<String> deleted = checkChanges(existing, changes);
            Map<String, FieldType> added = newFields(className, changes, existing.fields().keySet());
            Map<String, FieldType> merged = merge(existing, deleted, added);
            requireOneGeoPoint(merged);
            permissions.validate(clp, merged);
            IndexChanges.validate(indexes, existing.indexes(), merged);
            apply(existing, deleted, added, clp, indexes);
            return cache.refresh(className).orElseThrow(() -> SchemaErrors.classMissing(className));
        });
    }

    /** Drops an empty class with its relations' join collections; a class never stored is dropped quietly. */
    void deleteClass(String className) {
        cache.write(() -> {
            ClassSchema schema = cache.storedClass(className).orElseGet(() -> DefaultSchemas.implicitSchema(className));
            long count = cache.storage().count(className, schema, Map.of());
            if (count > 0) {
                throw SchemaErrors.classNotEmpty(className, count);
            }
            cache.storage().deleteClass(className);
            schema.fields().forEach((field, type) -> {
                if (type.isRelation()) {
                    cache.storage().deleteClass("_Join:" + field + ":" + className);
                }
            });
            cache.forget(className);
            return null;
        });
    }

    private void requireAbsent(String className) {
        // Volatile classes exist without being stored; they are Parse's, not the app's.
        if (cache.storedClass(className).isPresent() || SchemaNames.isVolatileClass(className)) {
            throw SchemaErrors.classExists(className);
        }
        if (!SchemaNames.isValidClassName(className)) {
            throw SchemaErrors.invalidClassName(className);
        }
    }

    /** The stored class; a system class not stored yet is stored first, as Parse Server does at startup. */
    private ClassSchema existingClass(String className) {
        if (SchemaNames.isSystemClass(className) && !SchemaNames.isVolatileClass(className)) {
            return cache.ensureStored(className);
        }
        return cache.storedClass(className).or(() -> cache.refresh(className))
                .orElseThrow(() -> SchemaErrors.classMissing(className));
    }

    /** The fields to delete; fails with 255 for a delete of a missing field or a retyped existing one. */
    private static List<String> checkChanges(ClassSchema existing, Map<String, Object> changes) {
        List<String> deleted = new ArrayList<>();
        changes.forEach((name, spec) -> {
            FieldType current = existing.fields().get(name);
            boolean delete = FieldSpecs.isDelete(spec);
            if (current != null && !delete && !current.type().equals(FieldSpecs.typeName(spec))) {
                throw SchemaErrors.fieldExists(name);
            }
            if (current != null && !delete && !Objects.equals(current.targetClass(), FieldSpecs.targetName(spec))) {
                throw SchemaErrors.mismatch(existing.className(), name, current, FieldSpecs.describe(spec));
            }
            if (current == null && delete) {
                throw SchemaErrors.fieldMissing(name);
            }
            if (delete) {
                if (!SchemaNames.isValidFieldName(name, existing.className())) {
                    throw SchemaErrors.invalidSchemaFieldName(name);
                }
                if (DefaultSchemas.isDefaultField(existing.className(), name)) {
                    throw SchemaErrors.fieldCannotBeChanged(name);
                }
                deleted.add(name);
            }
        });
        return deleted;
    }

    /** The declared fields not already present, checked for name and type (105, 136, 135, 103, 111). */
    private static Map<String, FieldType> newFields(String className, Map<String, Object> specs, Set<String> present) {
        Map<String, FieldType> added = new LinkedHashMap<>();
        specs.forEach((name, spec) -> {
            if (present.contains(name) || FieldSpecs.isDelete(spec)) {
                return;
            }
            if (!SchemaNames.isValidFieldName(name, className)) {
                throw SchemaErrors.invalidSchemaFieldName(name);
            }
            if (DefaultSchemas.isDefaultField(className, name)) {
                throw SchemaErrors.fieldCannotBeAdded(name);
            }
            added.put(name, FieldSpecs.parse(spec));
        });
        return added;
    }

    private static Map<String, FieldType> merge(ClassSchema existing, List<String> deleted,
            Map<String, FieldType> added) {
        Map<String, FieldType> merged = new LinkedHashMap<>(existing.fields());
        deleted.forEach(merged::remove);
        merged.putAll(added);
        return merged;
    }

    private void apply(ClassSchema existing, List<String> deleted, Map<String, FieldType> added,
            Map<String, Object> clp, Map<String, Object> indexes) {
        String className = existing.className();
        if (!deleted.isEmpty()) {
            cache.storage().deleteFields(className, existing, deleted);
        }
        added.forEach((name, type) -> cache.storage().addField(className, name, type));
        if (clp != null) {
            cache.storage().setClassLevelPermissions(className, DefaultSchemas.explicitPermissions(clp));
        }
        if (indexes != null && !indexes.isEmpty()) {
            ClassSchema current = cache.refresh(className).orElse(existing);
            cache.storage().updateIndexes(className, current, indexes);
        }
    }

    private static void requireOneGeoPoint(Map<String, FieldType> fields) {
        List<String> geoPoints = DefaultSchemas.geoPointFields(fields);
        if (geoPoints.size() > 1) {
            throw SchemaErrors.secondGeoPointInSchema(geoPoints);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> indexDefinitions(Map<String, Object> indexes) {
        Map<String, Map<String, Object>> definitions = new LinkedHashMap<>();
        orEmpty(indexes).forEach((name, keys) -> definitions.put(name, (Map<String, Object>) keys));
        return definitions;
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
