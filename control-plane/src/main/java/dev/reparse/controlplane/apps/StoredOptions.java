package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.provisioning.AppOptions;

/**
 * An app's {@link AppOptions} as the {@code app.options} column holds them: the record as JSON; null (apps created
 * before the column) reads as the defaults, and fields added later take their defaults too.
 */
final class StoredOptions {
    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StoredOptions() {
    }

    static AppOptions read(String column) {
        if (column == null || column.isBlank()) {
            return AppOptions.defaults();
        }
        try {
            var merged = JSON.valueToTree(AppOptions.defaults());
            ((com.fasterxml.jackson.databind.node.ObjectNode) merged).setAll(
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(column));
            return JSON.treeToValue(merged, AppOptions.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored options of an app do not read back", e);
        }
    }

    static String write(AppOptions options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("app options do not serialize", e);
        }
    }
}
