package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code {"type": ..., "targetClass": ..., "required": ..., "defaultValue": ...}} field
 * definitions of a {@code /schemas} request.
 */
final class FieldSpecs {
    /** ACL is implicit on every class, so {@code /schemas} cannot declare it. */
    private static final Set<String> DECLARABLE = Set.of("Number", "String", "Boolean", "Date", "Object",
            "Array", "GeoPoint", "File", "Bytes", "Polygon");

    private FieldSpecs() {
    }

    /** Whether the definition is {@code {"__op": "Delete"}}, which removes the field. */
    static boolean isDelete(Object spec) {
        return spec instanceof Map<?, ?> map && "Delete".equals(map.get("__op"));
    }

    /**
     * The type and options a definition declares; fails with Parse Server's code and message for a bad
     * type, and with 111 for a default value of another type or an option a relation cannot have.
     */
    static FieldType parse(String className, String fieldName, Object spec) {
        FieldType type = parseType(spec);
        Map<?, ?> map = (Map<?, ?>) spec;
        Object defaultValue = map.get("defaultValue");
        Object required = map.get("required");
        if (required != null && !(required instanceof Boolean)) {
            throw SchemaErrors.invalidJson();
        }
        if (defaultValue != null) {
            requireDefaultOfType(className, fieldName, type, defaultValue);
        } else if (Boolean.TRUE.equals(required) && type.isRelation()) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
                    "The 'required' option is not applicable for " + SchemaErrors.describe(type));
        }
        return type.withOptions((Boolean) required, defaultValue);
    }

    private static FieldType parseType(Object spec) {
        if (!(spec instanceof Map<?, ?> map)) {
            throw SchemaErrors.invalidJson();
        }
        Object type = map.get("type");
        if ("Pointer".equals(type) || "Relation".equals(type)) {
            return new FieldType((String) type, target((String) type, map.get("targetClass")));
        }
        if (!(type instanceof String name)) {
            throw SchemaErrors.invalidJson();
        }
        if (!DECLARABLE.contains(name)) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "invalid field type: " + name);
        }
        return FieldType.of(name);
    }

    /** Parse Server's check of a default value: it must infer to the field's type (and a relation has none). */
    private static void requireDefaultOfType(String className, String fieldName, FieldType type, Object defaultValue) {
        FieldType valueType = ValueTypes.typeOf(defaultValue).orElse(null);
        if (type.isRelation() && valueType != null && valueType.targetClass() != null) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
                    "The 'default value' option is not applicable for " + SchemaErrors.describe(type));
        }
        if (!type.sameType(valueType)) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "schema mismatch for " + className + "."
                    + fieldName + " default value; expected " + SchemaErrors.describe(type) + " but got "
                    + (valueType == null ? "undefined" : SchemaErrors.describe(valueType)));
        }
    }

    /** Whether the definition sets {@code required} or {@code defaultValue}. */
    static boolean declaresOptions(Object spec) {
        return spec instanceof Map<?, ?> map && (map.get("required") != null || map.get("defaultValue") != null);
    }

    /** The declared type's name only, which is all Parse Server compares when a field already exists. */
    static Object typeName(Object spec) {
        return spec instanceof Map<?, ?> map ? map.get("type") : null;
    }

    /** The declared target class, whatever it is; compared against an existing Pointer or Relation. */
    static Object targetName(Object spec) {
        return spec instanceof Map<?, ?> map ? map.get("targetClass") : null;
    }

    /** The declaration as Parse Server's messages print it, e.g. {@code Pointer<_User>}. */
    static String describe(Object spec) {
        Object target = targetName(spec);
        String type = SchemaErrors.jsString(typeName(spec));
        return target == null || "".equals(target) ? type : type + "<" + SchemaErrors.jsString(target) + ">";
    }

    private static String target(String type, Object targetClass) {
        if (targetClass == null || "".equals(targetClass) || Boolean.FALSE.equals(targetClass)) {
            throw new ParseException(SchemaErrors.MISSING_REQUIRED_FIELD, "type " + type + " needs a class name");
        }
        if (!(targetClass instanceof String target)) {
            throw SchemaErrors.invalidJson();
        }
        if (!SchemaNames.isValidClassName(target)) {
            throw SchemaErrors.invalidClassName(target);
        }
        return target;
    }
}
