package dev.reparse.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.runtime.core.AppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an app's settings file ({@code reparse.config-file}), which the control plane writes
 * with mode 0600 so the keys never appear on a command line:
 * <pre>{"appId": "...", "masterKey": "...", "readOnlyMasterKey": "...", "javascriptKey": "...",
 *  "restKey": "...", "clientKey": "...", "dotnetKey": "...", "webhookKey": "...", "clientKeysRequired": true,
 *  "allowClientClassCreation": false, "previousMasterKey": {"key": "...", "expiresAt": "2025-01-01T00:00:00Z"},
 *  "liveQuery": {"classNames": ["Message"]}}</pre>
 * Unknown fields are ignored, so the control plane may send settings this runtime does not know yet.
 */
public final class SettingsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsFile() {
    }

    /**
     * What the runtime's own configuration says, for everything the file leaves out: the app ID the
     * file must match, limits, and the defaults of the access and session policies.
     */
    public record Defaults(String appId, AppSettings.Limits limits, AppSettings.Access access,
            AppSettings.Sessions sessions, java.util.Set<String> liveQueryClasses) {
        /** Defaults without live classes. */
        public Defaults(String appId, AppSettings.Limits limits, AppSettings.Access access,
                AppSettings.Sessions sessions) {
            this(appId, limits, access, sessions, java.util.Set.of());
        }
    }

    /** The settings in that file, over the runtime's own defaults. */
    public static AppSettings read(Path file, Defaults defaults) {
        String appId = defaults.appId();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings file " + file, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the settings file " + file + " does not hold a JSON object");
        }
        String fileAppId = text(root, "appId").orElse(appId);
        if (!fileAppId.equals(appId)) {
            throw new IllegalArgumentException("the settings file " + file + " is for app " + fileAppId + ", not " + appId);
        }
        String masterKey = text(root, "masterKey").orElseThrow(() -> new IllegalArgumentException(
                "the settings file " + file + " has no masterKey"));
        AppSettings.Keys keys = new AppSettings.Keys(masterKey, text(root, "readOnlyMasterKey"),
                text(root, "javascriptKey"), text(root, "restKey"), text(root, "clientKey"), text(root, "dotnetKey"),
                previousMasterKey(root), text(root, "webhookKey"));
        AppSettings.Access access = new AppSettings.Access(
                root.path("allowClientClassCreation").asBoolean(defaults.access().allowClientClassCreation()),
                root.path("clientKeysRequired").asBoolean(defaults.access().clientKeysRequired()),
                root.path("enforcePrivateUsers").asBoolean(defaults.access().enforcePrivateUsers()));
        AppSettings.Sessions sessions = defaults.sessions().withRevokeOnPasswordChange(
                root.path("revokeSessionOnPasswordChange").asBoolean(defaults.sessions().revokeOnPasswordChange()));
        return new AppSettings(appId, keys, defaults.limits(), access, sessions,
                liveQueryClasses(root, defaults.liveQueryClasses()));
    }

    /** {@code "liveQuery": {"classNames": [...]}}, Parse Server's option; without it, the runtime's own list. */
    private static java.util.Set<String> liveQueryClasses(JsonNode root, java.util.Set<String> fallback) {
        JsonNode classNames = root.path("liveQuery").path("classNames");
        if (!classNames.isArray()) {
            return fallback;
        }
        java.util.Set<String> classes = new java.util.LinkedHashSet<>();
        for (JsonNode name : classNames) {
            if (!name.isTextual() || name.asText().isBlank()) {
                throw new IllegalArgumentException("liveQuery.classNames holds class names, not " + name);
            }
            classes.add(name.asText());
        }
        return classes;
    }

    private static Optional<AppSettings.RetiringKey> previousMasterKey(JsonNode root) {
        JsonNode previous = root.path("previousMasterKey");
        Optional<String> key = text(previous, "key");
        Optional<String> expiresAt = text(previous, "expiresAt");
        if (key.isEmpty() || expiresAt.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AppSettings.RetiringKey(key.get(), Instant.parse(expiresAt.get())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("previousMasterKey.expiresAt is not an ISO-8601 instant: "
                    + expiresAt.get(), e);
        }
    }

    /** A non-blank string field; blank counts as not set, like an empty CLI option. */
    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
