package dev.reparse.runtime.graphql;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Parse class as the GraphQL API shows it, named as Parse Server 9 names it: {@code _User} is type {@code User},
 * queried by {@code user} and {@code users}; fields whose names GraphQL cannot carry are left out.
 *
 * @param fields the class's own fields (not {@code objectId}, {@code createdAt}, {@code updatedAt}, {@code ACL})
 */
record GraphQLClass(String className, String typeName, String getQuery, String findQuery, Map<String, FieldType> fields) {
    private static final Pattern NAME = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
    private static final Set<String> DEFAULT_FIELDS = Set.of("objectId", "createdAt", "updatedAt", "ACL");
    /** Fields of the generated types that a class field of the same name would collide with. */
    private static final Set<String> RESERVED = Set.of("id", "OR", "AND", "NOR", "authDataResponse");

    /** The class as GraphQL shows it, or null when its name is no GraphQL name. */
    static GraphQLClass of(ClassSchema schema) {
        String className = schema.className();
        if (!NAME.matcher(className).matches() || className.equals("_")) {
            return null;
        }
        String typeName = typeName(className);
        String lower = Character.toLowerCase(typeName.charAt(0)) + typeName.substring(1);
        Map<String, FieldType> fields = new LinkedHashMap<>();
        schema.fields().forEach((name, type) -> {
            if (!DEFAULT_FIELDS.contains(name) && !RESERVED.contains(name) && NAME.matcher(name).matches()
                    && !name.startsWith("__")) {
                fields.put(name, type);
            }
        });
        return new GraphQLClass(className, typeName, lower, Plurals.of(lower), fields);
    }

    /** {@code _User} → {@code User}, {@code gameScore} → {@code GameScore}. */
    static String typeName(String className) {
        String name = className.startsWith("_") ? className.substring(1) : className;
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /** Whether GraphQL can carry this as a name. */
    static boolean isName(String name) {
        return NAME.matcher(name).matches() && !name.startsWith("__");
    }

    /** Every name the class adds to the schema: its types and its query and mutation fields (prefixed "field:"). */
    List<String> generatedNames() {
        List<String> names = new ArrayList<>();
        for (String suffix : List.of("", "Edge", "Connection", "Order", "WhereInput", "RelationWhereInput", "PointerInput",
                "RelationInput")) {
            names.add(typeName + suffix);
        }
        for (String kind : List.of("Create", "Update", "Delete")) {
            names.add(kind + typeName + "Input");
            names.add(kind + typeName + "Payload");
            names.add("field:" + kind.toLowerCase(Locale.ROOT) + typeName);
        }
        names.add("Create" + typeName + "FieldsInput");
        names.add("Update" + typeName + "FieldsInput");
        names.add("field:" + getQuery);
        names.add("field:" + findQuery);
        return names;
    }

    boolean isUser() {
        return className.equals("_User");
    }

    /** The fields objects show: a user's password never. */
    Map<String, FieldType> outputFields() {
        if (!isUser()) {
            return fields;
        }
        Map<String, FieldType> shown = new LinkedHashMap<>(fields);
        shown.remove("password");
        return shown;
    }
}
