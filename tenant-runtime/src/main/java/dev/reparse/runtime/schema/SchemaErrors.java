package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The schema layer's failures, worded as Parse Server words them, because SDKs and existing apps
 * match on both code and message.
 */
final class SchemaErrors {
    /** Parse's MISSING_REQUIRED_FIELD_ERROR; parse-protocol names no constant for it. */
    static final int MISSING_REQUIRED_FIELD = 135;
    /** Parse's CHANGED_IMMUTABLE_FIELD_ERROR. */
    static final int CHANGED_IMMUTABLE_FIELD = 136;

    private SchemaErrors() {
    }

    static ParseException invalidClassName(String className) {
        return new ParseException(ParseErrorCode.INVALID_CLASS_NAME, "Invalid classname: " + className
                + ", classnames can only have alphanumeric characters and _, and must start with an alpha character ");
    }

    static ParseException classExists(String className) {
        return new ParseException(ParseErrorCode.INVALID_CLASS_NAME, "Class " + className + " already exists.");
    }

    static ParseException classMissing(String className) {
        return new ParseException(ParseErrorCode.INVALID_CLASS_NAME, "Class " + className + " does not exist.");
    }

    /** Field name refused while writing an object. */
    /** 103 for a class name, 105 for a field name, over {@link SchemaNames#MAX_NAME_LENGTH}; the name is cut short. */
    static ParseException nameTooLong(String what, String name) {
        String shown = name.substring(0, 20) + "...";
        int code = what.equals("classname") ? ParseErrorCode.INVALID_CLASS_NAME : ParseErrorCode.INVALID_KEY_NAME;
        return new ParseException(code, "Invalid " + what + ": " + shown + " is too long (" + name.length()
                + " characters; names can be at most " + SchemaNames.MAX_NAME_LENGTH + ")");
    }

    static ParseException invalidFieldName(String fieldName) {
        if (fieldName.length() > SchemaNames.MAX_NAME_LENGTH) {
            return nameTooLong("field name", fieldName);
        }
        return ParseException.invalidKeyName(fieldName);
    }

    /** Field name refused by {@code /schemas}; Parse Server words this one differently. */
    static ParseException invalidSchemaFieldName(String fieldName) {
        if (fieldName.length() > SchemaNames.MAX_NAME_LENGTH) {
            return nameTooLong("field name", fieldName);
        }
        return new ParseException(ParseErrorCode.INVALID_KEY_NAME, "invalid field name: " + fieldName);
    }

    static ParseException mismatch(String className, String fieldName, FieldType expected, FieldType actual) {
        return mismatch(className, fieldName, expected, describe(actual));
    }

    static ParseException mismatch(String className, String fieldName, FieldType expected, String actual) {
        return new ParseException(ParseErrorCode.INCORRECT_TYPE, "schema mismatch for " + className + "."
                + fieldName + "; expected " + describe(expected) + " but got " + actual);
    }

    static ParseException secondGeoPoint() {
        return new ParseException(ParseErrorCode.INCORRECT_TYPE, "there can only be one geopoint field in a class");
    }

    static ParseException secondGeoPointInSchema(List<String> geoPointFields) {
        return new ParseException(ParseErrorCode.INCORRECT_TYPE,
                "currently, only one GeoPoint field may exist in an object. Adding " + geoPointFields.get(1)
                        + " when " + geoPointFields.get(0) + " already exists.");
    }

    static ParseException addFieldForbidden(String className) {
        return new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                "Permission denied for action addField on class " + className + ".");
    }

    static ParseException fieldCannotBeAdded(String fieldName) {
        return new ParseException(CHANGED_IMMUTABLE_FIELD, "field " + fieldName + " cannot be added");
    }

    static ParseException fieldCannotBeChanged(String fieldName) {
        return new ParseException(CHANGED_IMMUTABLE_FIELD, "field " + fieldName + " cannot be changed");
    }

    static ParseException fieldExists(String fieldName) {
        return new ParseException(ParseErrorCode.INVALID_SCHEMA_OPERATION,
                "Field " + fieldName + " exists, cannot update.");
    }

    static ParseException fieldMissing(String fieldName) {
        return new ParseException(ParseErrorCode.INVALID_SCHEMA_OPERATION,
                "Field " + fieldName + " does not exist, cannot delete.");
    }

    static ParseException classNotEmpty(String className, long count) {
        return new ParseException(ParseErrorCode.INVALID_SCHEMA_OPERATION, "Class " + className
                + " is not empty, contains " + count + " objects, cannot drop schema.");
    }

    static ParseException invalidJson() {
        return ParseException.invalidJson("invalid JSON");
    }

    static ParseException clp(String message) {
        return ParseException.invalidJson(message);
    }

    static ParseException index(String message) {
        return ParseException.invalidQuery(message);
    }

    /** Parse Server's {@code typeToString}: {@code String}, {@code Pointer<_User>}. */
    static String describe(FieldType type) {
        return type.targetClass() == null ? type.type() : type.type() + "<" + type.targetClass() + ">";
    }

    /**
     * How JavaScript's template strings print a JSON value; Parse Server builds its CLP messages that
     * way, so {@code [object Object]} and comma-joined arrays are part of the wire contract.
     */
    static String jsString(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "[object Object]";
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                Object item = list.get(i);
                text.append(item == null ? "" : jsString(item));
            }
            return text.toString();
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
