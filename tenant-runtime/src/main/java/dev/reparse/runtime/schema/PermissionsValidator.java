package dev.reparse.runtime.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a class-level-permissions document the way Parse Server's {@code validateCLP} does, with
 * its messages (all code 107).
 */
final class PermissionsValidator {
    private static final List<String> VALID_KEYS = List.of("find", "count", "get", "create", "update", "delete",
            "addField", "readUserFields", "writeUserFields", "protectedFields");
    private static final Set<String> USER_FIELD_LISTS = Set.of("readUserFields", "writeUserFields");
    private static final Pattern ROLE = Pattern.compile("^role:.*");
    private static final Pattern USER_FIELD = Pattern.compile("^userField:.*");

    private final Pattern userIdPattern;

    /** @param userIdPattern what a user id key may look like; custom object ids widen it */
    PermissionsValidator(Pattern userIdPattern) {
        this.userIdPattern = userIdPattern;
    }

    /** Fails with 107 unless the CLP is valid for a class with these fields; {@code null} is valid. */
    void validate(Map<String, Object> clp, Map<String, FieldType> fields) {
        if (clp == null) {
            return;
        }
        clp.forEach((operationKey, operation) -> {
            if (!VALID_KEYS.contains(operationKey)) {
                throw SchemaErrors.clp(operationKey + " is not a valid operation for class level permissions");
            }
            if (USER_FIELD_LISTS.contains(operationKey)) {
                validateUserFieldList(operationKey, operation, fields);
            } else if (!(operation instanceof Map<?, ?> entities)) {
                throw SchemaErrors.clp("'" + SchemaErrors.jsString(operation)
                        + "' is not a valid value for class level permissions " + operationKey + " - must be an object");
            } else if (operationKey.equals("protectedFields")) {
                entities.forEach((entity, protectedFields) ->
                        validateProtectedFields((String) entity, protectedFields, fields));
            } else {
                entities.forEach((entity, permit) ->
                        validateOperationEntry(operationKey, operation, (String) entity, permit, fields));
            }
        });
    }

    private void validateUserFieldList(String operationKey, Object operation, Map<String, FieldType> fields) {
        if (!(operation instanceof List<?> fieldNames)) {
            throw SchemaErrors.clp("'" + SchemaErrors.jsString(operation)
                    + "' is not a valid value for class level permissions " + operationKey + " - must be an array");
        }
        for (Object fieldName : fieldNames) {
            validatePointerPermission(fieldName, fields, operationKey);
        }
    }

    private void validateProtectedFields(String entity, Object protectedFields, Map<String, FieldType> fields) {
        boolean validKey = entity.equals("*") || entity.equals("authenticated") || ROLE.matcher(entity).matches()
                || USER_FIELD.matcher(entity).matches() || userIdPattern.matcher(entity).matches();
        if (!validKey) {
            throw invalidKey(entity);
        }
        if (!(protectedFields instanceof List<?> names)) {
            throw SchemaErrors.clp("'" + SchemaErrors.jsString(protectedFields)
                    + "' is not a valid value for protectedFields[" + entity + "] - expected an array.");
        }
        for (Object name : names) {
            String field = SchemaErrors.jsString(name);
            if (DefaultSchemas.isBaseField(field)) {
                throw SchemaErrors.clp("Default field '" + field + "' can not be protected");
            }
            if (!fields.containsKey(field)) {
                throw SchemaErrors.clp("Field '" + field + "' in protectedFields:" + entity + " does not exist");
            }
        }
    }

    private void validateOperationEntry(String operationKey, Object operation, String entity, Object permit,
            Map<String, FieldType> fields) {
        boolean validKey = entity.equals("*") || entity.equals("requiresAuthentication")
                || entity.equals("pointerFields") || ROLE.matcher(entity).matches()
                || userIdPattern.matcher(entity).matches();
        if (!validKey) {
            throw invalidKey(entity);
        }
        if (entity.equals("pointerFields")) {
            if (!(permit instanceof List<?> pointerFields)) {
                throw SchemaErrors.clp("'" + SchemaErrors.jsString(permit) + "' is not a valid value for "
                        + operationKey + "[" + entity + "] - expected an array.");
            }
            for (Object pointerField : pointerFields) {
                // Parse Server names the operation document here, not its key; clients see "[object Object]".
                validatePointerPermission(pointerField, fields, SchemaErrors.jsString(operation));
            }
            return;
        }
        if (!Boolean.TRUE.equals(permit)) {
            String text = SchemaErrors.jsString(permit);
            throw SchemaErrors.clp("'" + text + "' is not a valid value for class level permissions "
                    + operationKey + ":" + entity + ":" + text);
        }
    }

    /** Pointer permissions need a Pointer&lt;_User&gt; or an Array (whose items are checked at read time). */
    private static void validatePointerPermission(Object fieldName, Map<String, FieldType> fields, String where) {
        FieldType type = fieldName instanceof String name ? fields.get(name) : null;
        boolean valid = type != null
                && ((type.isPointer() && "_User".equals(type.targetClass())) || type.type().equals("Array"));
        if (!valid) {
            throw SchemaErrors.clp("'" + SchemaErrors.jsString(fieldName)
                    + "' is not a valid column for class level pointer permissions " + where);
        }
    }

    private static RuntimeException invalidKey(String entity) {
        return SchemaErrors.clp("'" + entity + "' is not a valid key for class level permissions");
    }
}
