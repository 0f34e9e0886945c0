package dev.reparse.runtime.graphql;

import dev.reparse.runtime.schema.FieldType;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What a query selects, as a REST find needs it: the pointers to include, whether results and a count are wanted. */
final class Selections {
    private Selections() {
    }

    /**
     * The pointer paths ({@code owner}, {@code owner.team}) whose objects the selection under {@code prefix}
     * reads beyond their ids, as Parse Server includes them.
     */
    static Set<String> includes(DataFetchingFieldSelectionSet selection, String prefix, String className,
            Map<String, GraphQLClass> classes) {
        Set<String> includes = new LinkedHashSet<>();
        for (SelectedField field : selection.getFields()) {
            String name = field.getQualifiedName();
            if (!name.startsWith(prefix)) {
                continue;
            }
            String[] path = name.substring(prefix.length()).split("/");
            GraphQLClass type = classes.get(className);
            StringBuilder dotted = new StringBuilder();
            for (int i = 0; i < path.length - 1 && type != null; i++) {
                FieldType fieldType = type.fields().get(path[i]);
                if (fieldType == null || !fieldType.type().equals("Pointer") || isIdOnly(path[i + 1])) {
                    break;
                }
                dotted.append(dotted.isEmpty() ? "" : ".").append(path[i]);
                includes.add(dotted.toString());
                type = classes.get(fieldType.targetClass());
            }
        }
        return includes;
    }

    private static boolean isIdOnly(String field) {
        return field.equals("id") || field.equals("objectId") || field.equals("__typename");
    }

    static boolean selects(DataFetchingFieldSelectionSet selection, String... names) {
        for (String name : names) {
            if (selection.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
