package dev.reparse.runtime.schema;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The type of one field, as Parse's {@code _SCHEMA} and {@code /schemas} describe it: a type name
 * and, for {@code Pointer} and {@code Relation}, the target class.
 */
public record FieldType(String type, String targetClass) {
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

    /** The {@code /schemas} JSON form: {@code {"type":"Pointer","targetClass":"_User"}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        if (targetClass != null) {
            json.put("targetClass", targetClass);
        }
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
