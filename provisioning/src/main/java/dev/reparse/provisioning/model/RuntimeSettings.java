package dev.reparse.provisioning.model;

import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an app's running runtime reads from its settings file ({@code reparse.config-file}) and
 * re-reads on change: its keys and the settings it enforces. Field names are the file's.
 */
public record RuntimeSettings(String appId, AppKeys keys, AppSettings settings) {
    public RuntimeSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The file's content, as the tenant runtime's {@code dev.reparse.runtime.control} reader
     * expects it; empty keys are left out, as a key that is not set.
     */
    public Map<String, Object> toFileContent() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("appId", appId);
        putKey(content, "masterKey", keys.masterKey());
        putKey(content, "readOnlyMasterKey", keys.readOnlyMasterKey());
        putKey(content, "clientKey", keys.clientKey());
        putKey(content, "javascriptKey", keys.javascriptKey());
        putKey(content, "restKey", keys.restKey());
        putKey(content, "dotnetKey", keys.dotnetKey());
        putKey(content, "webhookKey", keys.webhookKey());
        putKey(content, "fileKey", keys.fileKey());
        keys.previousMasterKey().ifPresent(previous -> content.put("previousMasterKey",
                Map.of("key", previous.key(), "expiresAt", previous.validUntil().toString())));
        content.put("clientKeysRequired", settings.clientKeysRequired());
        content.put("allowClientClassCreation", settings.clientClassCreationEnabled());
        content.put("clientPushEnabled", settings.clientPushEnabled());
        content.put("requireRevocableSessions", settings.requireRevocableSessions());
        content.put("revokeSessionOnPasswordChange", settings.revokeSessionOnPasswordChange());
        return content;
    }

    private static void putKey(Map<String, Object> content, String name, String value) {
        if (!value.isEmpty()) {
            content.put(name, value);
        }
    }
}
