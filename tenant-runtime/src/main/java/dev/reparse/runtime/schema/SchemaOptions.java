package dev.reparse.runtime.schema;

import java.util.List;
import java.util.Map;

/**
 * The app settings the schema layer depends on.
 *
 * @param allowCustomObjectId whether clients choose object ids; widens which CLP keys read as user ids
 * @param protectedFields server-wide protected fields per class and entity, merged into every
 *     class's CLP for enforcement (Parse Server's {@code protectedFields} option)
 */
public record SchemaOptions(boolean allowCustomObjectId, Map<String, Map<String, List<String>>> protectedFields) {

    public SchemaOptions {
        protectedFields = protectedFields == null ? Map.of() : Map.copyOf(protectedFields);
    }

    /** Parse Server's defaults: generated object ids, and {@code _User.email} hidden from the public. */
    public static SchemaOptions defaults() {
        return new SchemaOptions(false, Map.of("_User", Map.of("*", List.of("email"))));
    }
}
