package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The type of one field, as Parse's {@code _SCHEMA} and {@code /schemas} describe it: a type name,
 * for {@code Pointer} and {@code Relation} the target class, and the field options of Parse Server 3+.
 *
 * <p>Two fields have the same type when {@link #sameType} says so; {@code equals} also compares the
 * options, which a value inferred from an object write never has.
 *
 * @param required {@code null} when not set; Parse Server keeps an explicit {@code false} too
 * @param defaultValue the REST JSON value new objects get when they lack the field; {@code null} when none
 */
public record FieldType(String type, String targetClass, Boolean required, Object defaultValue) {
    public static final Set<String> TYPES = Set.of("String", "Number", "Boolean", "Date", "Object", "Array",
            "Pointer", "Relation", "File", "GeoPoint", "Polygon", "Bytes", "ACL");

    public FieldType {
        if (!TYPES.contains(type)) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "invalid field type: " + type);
        }
        boolean needsTarget = type.equals("Pointer") || type.equals("Relation");
        if (needsTarget && (targetClass == null || targetClass.isEmpty())) {
            throw new ParseException(ParseErrorCode.MISSING_OBJECT_ID, "type " + type + " needs a class name");
        }
        if (!needsTarget) {
            targetClass = null;
        }
    }

    /** A type without options. */
    public FieldType(String type, String targetClass) {
        this(type, targetClass, null, null);
    }

    public static FieldType of(String type) {
        return new FieldType(type, null);
    }

    public static FieldType pointer(String targetClass) {
        return new FieldType("Pointer", targetClass);
    }

    public static FieldType relation(String targetClass) {
        return new FieldType("Relation", targetClass);
    }

    public boolean isPointer() {
        return type.equals("Pointer");
    }

    public boolean isRelation() {
        return type.equals("Relation");
    }

    /** Whether objects must have the field ({@code required: true}). */
    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    public boolean hasDefaultValue() {
        return defaultValue != null;
    }

    /** Whether any option is set; only then does Parse Server store {@code _metadata.fields_options} for it. */
    public boolean hasOptions() {
        return required != null || defaultValue != null;
    }

    /** Parse Server's {@code dbTypeMatchesObjectType}: same type name and target class, options aside. */
    public boolean sameType(FieldType other) {
        return other != null && type.equals(other.type) && Objects.equals(targetClass, other.targetClass);
    }

    /** This type with the given options in place of its own. */
    public FieldType withOptions(Boolean required, Object defaultValue) {
        return new FieldType(type, targetClass, required, defaultValue);
    }

    public FieldType withoutOptions() {
        return hasOptions() ? new FieldType(type, targetClass) : this;
    }

    /** The options in the form of {@code _metadata.fields_options[field]}: {@code {required?, defaultValue?}}. */
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (required != null) {
            options.put("required", required);
        }
        if (defaultValue != null) {
            options.put("defaultValue", defaultValue);
        }
        return options;
    }

    /** The {@code /schemas} JSON form: {@code {"type":"Pointer","targetClass":"_User"}}, then any options. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        if (targetClass != null) {
            json.put("targetClass", targetClass);
        }
        json.putAll(options());
        return json;
    }

    /** Parse Server's {@code _SCHEMA} storage form: {@code "string"}, {@code "*_User"}, {@code "relation<_User>"}. */
    public String toMongoType() {
        return switch (type) {
            case "Pointer" -> "*" + targetClass;
            case "Relation" -> "relation<" + targetClass + ">";
            case "String" -> "string";
            case "Number" -> "number";
            case "Boolean" -> "boolean";
            case "Date" -> "date";
            case "Object" -> "object";
            case "Array" -> "array";
            case "GeoPoint" -> "geopoint";
            case "File" -> "file";
            case "Bytes" -> "bytes";
            case "Polygon" -> "polygon";
            default -> type.toLowerCase();
        };
    }

    /** Reads Parse Server's {@code _SCHEMA} storage form back. */
    public static FieldType fromMongoType(String mongoType) {
        if (mongoType.startsWith("*")) {
            return pointer(mongoType.substring(1));
        }
        if (mongoType.startsWith("relation<") && mongoType.endsWith(">")) {
            return relation(mongoType.substring("relation<".length(), mongoType.length() - 1));
        }
        return switch (mongoType) {
            case "string" -> of("String");
            case "number" -> of("Number");
            case "boolean" -> of("Boolean");
            case "date" -> of("Date");
            case "map", "object" -> of("Object");
            case "array" -> of("Array");
            case "geopoint" -> of("GeoPoint");
            case "file" -> of("File");
            case "bytes" -> of("Bytes");
            case "polygon" -> of("Polygon");
            case "acl" -> of("ACL");
            default -> throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "invalid stored field type: " + mongoType);
        };
    }
}
