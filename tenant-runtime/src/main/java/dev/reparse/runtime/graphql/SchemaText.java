package dev.reparse.runtime.graphql;

import dev.reparse.runtime.schema.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The app's GraphQL schema as SDL: the fixed types of {@code parse-base.graphqls}, then per class its object type,
 * connection, where/order/create/update inputs, queries and mutations, as Parse Server 9 generates them.
 */
final class SchemaText {
    private static final String BASE = readBase();
    /** The names of the fixed schema's types and of the fields every schema has ("field:" + name). */
    static final java.util.Set<String> FIXED_NAMES = fixedNames();
    static final String FIND_ARGS = "where: %1$sWhereInput, order: [%1$sOrder!], skip: Int, after: String, "
            + "first: Int, before: String, last: Int, options: ReadOptionsInput";

    private final Map<String, GraphQLClass> classes;
    private final StringBuilder sdl = new StringBuilder(BASE);

    private SchemaText(Map<String, GraphQLClass> classes) {
        this.classes = classes;
    }

    static String of(Map<String, GraphQLClass> classes, Collection<String> functionNames) {
        SchemaText text = new SchemaText(classes);
        classes.values().forEach(text::classTypes);
        text.arrayResult();
        text.query();
        text.mutation(functionNames);
        return text.sdl.toString();
    }

    private void classTypes(GraphQLClass type) {
        String name = type.typeName();
        line("type %s implements ParseObject & Node {", name);
        line("  id: ID!\n  objectId: ID!\n  createdAt: Date!\n  updatedAt: Date!\n  ACL: ACL!");
        if (type.isUser()) {
            line("  authDataResponse: Object");
        }
        type.outputFields().forEach((field, fieldType) -> {
            String output = outputType(fieldType);
            if (output != null) {
                String args = fieldType.type().equals("Relation") && classes.containsKey(fieldType.targetClass())
                        ? "(" + FIND_ARGS.formatted(classes.get(fieldType.targetClass()).typeName()) + ")" : "";
                line("  %s%s: %s%s", field, args, output, Boolean.TRUE.equals(fieldType.required())
                        && !output.endsWith("!") ? "!" : "");
            }
        });
        line("}");
        line("type %1$sEdge {\n  node: %1$s\n  cursor: String!\n}", name);
        line("type %1$sConnection {\n  edges: [%1$sEdge]\n  pageInfo: PageInfo!\n  count: Int!\n}", name);
        inputs(type);
        line("enum %sOrder {", name);
        line("  id_ASC\n  id_DESC\n  objectId_ASC\n  objectId_DESC\n  createdAt_ASC\n  createdAt_DESC\n"
                + "  updatedAt_ASC\n  updatedAt_DESC\n  ACL_ASC\n  ACL_DESC");
        type.fields().keySet().forEach(field -> line("  %1$s_ASC\n  %1$s_DESC", field));
        line("}");
        mutationTypes(type);
    }

    private void inputs(GraphQLClass type) {
        String name = type.typeName();
        for (String kind : List.of("Create", "Update")) {
            line("input %s%sFieldsInput {\n  ACL: ACLInput", kind, name);
            type.fields().forEach((field, fieldType) -> {
                String input = inputType(fieldType);
                if (input != null) {
                    boolean required = kind.equals("Create") && Boolean.TRUE.equals(fieldType.required())
                            && fieldType.defaultValue() == null;
                    line("  %s: %s%s", field, input, required ? "!" : "");
                }
            });
            line("}");
        }
        line("input %1$sPointerInput {\n  link: ID\n  createAndLink: Create%1$sFieldsInput\n}", name);
        line("input %1$sRelationInput {\n  add: [ID!]\n  remove: [ID!]\n  createAndAdd: [Create%1$sFieldsInput!]\n}", name);
        line("input %sWhereInput {\n  id: IdWhereInput\n  objectId: IdWhereInput\n  createdAt: DateWhereInput\n"
                + "  updatedAt: DateWhereInput\n  ACL: ObjectWhereInput", name);
        type.fields().forEach((field, fieldType) -> {
            String constraint = constraintType(fieldType);
            if (constraint != null) {
                line("  %s: %s", field, constraint);
            }
        });
        line("  OR: [%1$sWhereInput!]\n  AND: [%1$sWhereInput!]\n  NOR: [%1$sWhereInput!]\n}", name);
        line("input %1$sRelationWhereInput {\n  have: %1$sWhereInput\n  haveNot: %1$sWhereInput\n  exists: Boolean\n}",
                name);
    }

    private void mutationTypes(GraphQLClass type) {
        String name = type.typeName();
        String field = type.getQuery();
        line("input Create%1$sInput {\n  fields: Create%1$sFieldsInput\n  clientMutationId: String\n}", name);
        line("type Create%1$sPayload {\n  %2$s: %1$s!\n  clientMutationId: String\n}", name, field);
        line("input Update%1$sInput {\n  id: ID!\n  fields: Update%1$sFieldsInput\n  clientMutationId: String\n}", name);
        line("type Update%1$sPayload {\n  %2$s: %1$s!\n  clientMutationId: String\n}", name, field);
        line("input Delete%1$sInput {\n  id: ID!\n  clientMutationId: String\n}", name);
        line("type Delete%1$sPayload {\n  %2$s: %1$s!\n  clientMutationId: String\n}", name, field);
    }

    /** Array items: a class's object when the item is one, else an {@code Element} holding the value. */
    private void arrayResult() {
        StringBuilder members = new StringBuilder("Element");
        classes.values().forEach(type -> members.append(" | ").append(type.typeName()));
        line("union ArrayResult = %s", members);
    }

    private void query() {
        line("type Query {\n  health: Boolean!\n  node(id: ID!): Node");
        GraphQLClass user = classes.get("_User");
        if (user != null) {
            line("  viewer: Viewer!");
        }
        classes.values().forEach(type -> {
            line("  %s(id: ID!, options: ReadOptionsInput): %s!", type.getQuery(), type.typeName());
            line("  %s(%s): %sConnection!", type.findQuery(), FIND_ARGS.formatted(type.typeName()), type.typeName());
        });
        line("}");
        if (user != null) {
            line("type Viewer {\n  sessionToken: String!\n  user: User!\n}");
            line("input SignUpInput {\n  fields: CreateUserFieldsInput\n  clientMutationId: String\n}");
            line("type SignUpPayload {\n  viewer: Viewer!\n  clientMutationId: String\n}");
            line("type LogInPayload {\n  viewer: Viewer!\n  clientMutationId: String\n}");
        }
    }

    private void mutation(Collection<String> functionNames) {
        line("type Mutation {");
        classes.values().forEach(type -> {
            String name = type.typeName();
            line("  create%1$s(input: Create%1$sInput!): Create%1$sPayload", name);
            line("  update%1$s(input: Update%1$sInput!): Update%1$sPayload", name);
            line("  delete%1$s(input: Delete%1$sInput!): Delete%1$sPayload", name);
        });
        if (classes.containsKey("_User")) {
            line("  signUp(input: SignUpInput!): SignUpPayload\n  logIn(input: LogInInput!): LogInPayload\n"
                    + "  logOut(input: LogOutInput!): LogOutPayload");
        }
        List<String> functions = functionNames.stream().filter(GraphQLClass::isName).toList();
        if (!functions.isEmpty()) {
            line("  callCloudCode(input: CallCloudCodeInput!): CallCloudCodePayload");
        }
        line("}");
        if (!functions.isEmpty()) {
            line("enum CloudCodeFunction {\n  %s\n}", String.join("\n  ", functions));
            line("input CallCloudCodeInput {\n  functionName: CloudCodeFunction!\n  params: Object\n"
                    + "  clientMutationId: String\n}");
            line("type CallCloudCodePayload {\n  result: Any\n  clientMutationId: String\n}");
        }
    }

    private String outputType(FieldType field) {
        return switch (field.type()) {
            case "String" -> "String";
            case "Number" -> "Float";
            case "Boolean" -> "Boolean";
            case "Array" -> "[ArrayResult]";
            case "Object" -> "Object";
            case "Date" -> "Date";
            case "Pointer" -> classes.containsKey(field.targetClass()) ? classes.get(field.targetClass()).typeName()
                    : "Object";
            case "Relation" -> classes.containsKey(field.targetClass())
                    ? classes.get(field.targetClass()).typeName() + "Connection!" : "Object!";
            case "File" -> "FileInfo";
            case "GeoPoint" -> "GeoPoint";
            case "Polygon" -> "[GeoPoint!]";
            case "Bytes" -> "Bytes";
            case "ACL" -> "ACL!";
            default -> null;
        };
    }

    private String inputType(FieldType field) {
        return switch (field.type()) {
            case "String" -> "String";
            case "Number" -> "Float";
            case "Boolean" -> "Boolean";
            case "Array" -> "[Any]";
            case "Object" -> "Object";
            case "Date" -> "Date";
            case "Pointer" -> classes.containsKey(field.targetClass())
                    ? classes.get(field.targetClass()).typeName() + "PointerInput" : "Object";
            case "Relation" -> classes.containsKey(field.targetClass())
                    ? classes.get(field.targetClass()).typeName() + "RelationInput" : "Object";
            case "File" -> "FileInput";
            case "GeoPoint" -> "GeoPointInput";
            case "Polygon" -> "[GeoPointInput!]";
            case "Bytes" -> "Bytes";
            case "ACL" -> "ACLInput";
            default -> null;
        };
    }

    private String constraintType(FieldType field) {
        return switch (field.type()) {
            case "String" -> "StringWhereInput";
            case "Number" -> "NumberWhereInput";
            case "Boolean" -> "BooleanWhereInput";
            case "Array" -> "ArrayWhereInput";
            case "Object", "ACL" -> "ObjectWhereInput";
            case "Date" -> "DateWhereInput";
            case "Pointer", "Relation" -> classes.containsKey(field.targetClass())
                    ? classes.get(field.targetClass()).typeName() + "RelationWhereInput" : "Object";
            case "File" -> "FileWhereInput";
            case "GeoPoint" -> "GeoPointWhereInput";
            case "Polygon" -> "PolygonWhereInput";
            case "Bytes" -> "BytesWhereInput";
            default -> null;
        };
    }

    private void line(String format, Object... args) {
        sdl.append(args.length == 0 ? format : format.formatted(args)).append('\n');
    }

    private static java.util.Set<String> fixedNames() {
        java.util.Set<String> names = new java.util.HashSet<>(java.util.Set.of("Query", "Mutation", "Subscription",
                "Viewer", "SignUpInput", "SignUpPayload", "LogInPayload", "CloudCodeFunction", "CallCloudCodeInput",
                "CallCloudCodePayload", "ArrayResult", "String", "Int", "Float", "Boolean", "ID", "field:health",
                "field:node", "field:viewer", "field:signUp", "field:logIn", "field:logOut", "field:callCloudCode"));
        java.util.regex.Matcher declared = java.util.regex.Pattern
                .compile("(?m)^(?:type|input|enum|interface|scalar|union) (\\w+)").matcher(BASE);
        while (declared.find()) {
            names.add(declared.group(1));
        }
        return names;
    }

    private static String readBase() {
        try (InputStream in = SchemaText.class.getResourceAsStream("/graphql/parse-base.graphqls")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
