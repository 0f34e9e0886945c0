package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Map;
import java.util.Set;

/** Reads the {@code {"type": ..., "targetClass": ...}} field definitions of a {@code /schemas} request. */
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

    /** The type a definition declares; fails with Parse Server's code and message for a bad one. */
    static FieldType parse(Object spec) {
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
