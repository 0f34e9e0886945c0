package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.errors.TextInput;
import dev.reparse.protocol.ParseErrorCode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The writable fields of an app in a create or update body; absent ones stay as they are. Keys and the
 * application ID are not writable (a master key changes by rotation), so they are ignored when echoed back. The
 * subdomain changes only when {@code subdomain} is given: renaming an app keeps its host name, so clients that route
 * by host keep working.
 */
public record AppChanges(Optional<String> appName, Optional<String> subdomain,
        Optional<Boolean> clientClassCreationEnabled, Optional<Boolean> clientPushEnabled,
        Optional<Boolean> requireRevocableSessions, Optional<Boolean> revokeSessionOnPasswordChange,
        Optional<Boolean> clientKeysRequired) {
    static final int MAX_NAME = 128;

    /** Reads and validates a JSON body; {@code creating} makes {@code appName} required. */
    public static AppChanges fromJson(JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(ParseErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        Optional<String> name = name(body.get("appName"));
        if (creating && name.isEmpty()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "appName is required.");
        }
        return new AppChanges(name, Subdomains.requested(body.get("subdomain")), flag(body, "clientClassCreationEnabled"),
            flag(body, "clientPushEnabled"),
            flag(body, "requireRevocableSessions"), flag(body, "revokeSessionOnPasswordChange"),
            flag(body, "clientKeysRequired"));
    }

    private static Optional<String> name(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().trim().length() > MAX_NAME) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR,
                "appName must be a non-empty string of at most " + MAX_NAME + " characters.");
        }
        // checked before trimming: a trailing NUL is refused, not silently cut off
        TextInput.require("appName", value.asText(), Integer.MAX_VALUE, ParseErrorCode.VALIDATION_ERROR);
        return Optional.of(value.asText().trim());
    }

    private static Optional<Boolean> flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.invalid(ParseErrorCode.INCORRECT_TYPE, field + " must be a boolean.");
        }
        return Optional.of(value.booleanValue());
    }

    /** Writes these changes onto the app; whether anything changed. */
    boolean applyTo(App app) {
        boolean changed = false;
        if (appName.isPresent() && !appName.get().equals(app.name)) {
            app.name = appName.get();
            changed = true;
        }
        if (subdomain.isPresent() && !subdomain.get().equals(app.subdomain)) {
            app.subdomain = subdomain.get();
            changed = true;
        }
        changed |= set(clientClassCreationEnabled, app.clientClassCreationEnabled, v -> app.clientClassCreationEnabled = v);
        changed |= set(clientPushEnabled, app.clientPushEnabled, v -> app.clientPushEnabled = v);
        changed |= set(requireRevocableSessions, app.requireRevocableSessions, v -> app.requireRevocableSessions = v);
        changed |= set(revokeSessionOnPasswordChange, app.revokeSessionOnPasswordChange,
            v -> app.revokeSessionOnPasswordChange = v);
        changed |= set(clientKeysRequired, app.clientKeysRequired, v -> app.clientKeysRequired = v);
        return changed;
    }

    private static boolean set(Optional<Boolean> wanted, boolean current, Consumer<Boolean> setter) {
        if (wanted.isPresent() && wanted.get() != current) {
            setter.accept(wanted.get());
            return true;
        }
        return false;
    }
}
