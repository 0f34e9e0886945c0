package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.errors.TextInput;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.provisioning.AppOptions;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The writable fields of an app in a create or update body; absent ones stay as they are. Keys and the application ID
 * are not writable (a master key changes by rotation), so they are ignored when echoed back; any other field the API
 * does not know is refused, naming it, rather than silently dropped. The subdomain changes only when {@code subdomain}
 * is given: renaming an app keeps its host name, so clients that route by host keep working.
 *
 * @param options the {@link AppOptions} fields the body sets, already type-checked
 * @param restricted the fields the body sets that the operator keeps for themselves, with their values: refused when
 *     they would change the app, so an app echoed back whole still saves
 */
public record AppChanges(Optional<String> appName, Optional<String> subdomain,
        Optional<Boolean> clientClassCreationEnabled,
        Optional<Boolean> clientPushEnabled, Optional<Boolean> requireRevocableSessions,
        Optional<Boolean> revokeSessionOnPasswordChange, Optional<Boolean> clientKeysRequired,
        Optional<Integer> requestsPerSecond, Optional<String> timeZone, ObjectNode options, ObjectNode restricted) {
    static final int MAX_NAME = 128;
    private static final int MAX_TEXT = 1_000;
    private static final int MAX_BODY = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields an answer carries that a client may echo back; they are not writable and are ignored. */
    static final Set<String> READ_ONLY = Set.of("applicationId", "masterKey", "javascriptKey", "restKey", "clientKey",
        "windowsKey", "webhookKey", "dashboardURL", "generation", "status", "previousMasterKeyValidUntil");
    private static final List<String> FLAGS = List.of("clientClassCreationEnabled", "clientPushEnabled",
        "requireRevocableSessions", "revokeSessionOnPasswordChange", "clientKeysRequired");
    /** The {@link AppOptions} fields by name, with their Java types. */
    static final Map<String, Class<?>> OPTIONS = optionFields();

    public AppChanges {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(restricted, "restricted");
    }

    /** Reads and validates a JSON body with every field settable; {@code creating} makes {@code appName} required. */
    public static AppChanges fromJson(JsonNode body, boolean creating) {
        return fromJson(body, creating, AppPolicy.allowing(Integer.MAX_VALUE));
    }

    /** Reads and validates a JSON body under the operator's policy; {@code creating} makes {@code appName} required. */
    public static AppChanges fromJson(JsonNode body, boolean creating, AppPolicy policy) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(ParseErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        ObjectNode restricted = checkFields(body, policy);
        Optional<String> name = name(body.get("appName"));
        if (creating && name.isEmpty()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "appName is required.");
        }
        ObjectNode options = JSON.createObjectNode();
        OPTIONS.forEach((field, type) -> {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                options.set(field, checkType(field, type, value));
            }
        });
        return new AppChanges(name, Subdomains.requested(body.get("subdomain")), flag(body, "clientClassCreationEnabled"),
            flag(body, "clientPushEnabled"),
            flag(body, "requireRevocableSessions"), flag(body, "revokeSessionOnPasswordChange"),
            flag(body, "clientKeysRequired"), requestsPerSecond(body.get("requestsPerSecond"), policy),
            timeZone(body.get("timeZone")), options,
            restricted);
    }

    /** Every field is known; answers those the operator does not let accounts change. */
    private static ObjectNode checkFields(JsonNode body, AppPolicy policy) {
        ObjectNode restricted = JSON.createObjectNode();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (READ_ONLY.contains(field)) {
                continue;
            }
            if (!writable(field)) {
                throw ApiException.invalid(ParseErrorCode.INVALID_KEY_NAME, "Unknown field " + field
                    + ": an app's writable fields are appName, subdomain, requestsPerSecond, timeZone, " + String.join(", ", FLAGS) + ", "
                    + String.join(", ", OPTIONS.keySet()) + ".");
            }
            if (!field.equals("appName") && !field.equals("subdomain") && !policy.settable(field)) {
                restricted.set(field, body.get(field));
            }
        }
        return restricted;
    }

    /** Refuses a change of a field the operator keeps; sending its current value is fine. */
    private void checkRestricted(App app) {
        if (restricted.isEmpty()) {
            return;
        }
        ObjectNode current = JSON.valueToTree(StoredOptions.read(app.options));
        current.put("clientClassCreationEnabled", app.clientClassCreationEnabled);
        current.put("clientPushEnabled", app.clientPushEnabled);
        current.put("requireRevocableSessions", app.requireRevocableSessions);
        current.put("revokeSessionOnPasswordChange", app.revokeSessionOnPasswordChange);
        current.put("clientKeysRequired", app.clientKeysRequired);
        current.put("requestsPerSecond", app.requestsPerSecond);
        current.put("timeZone", app.timeZone == null ? "UTC" : app.timeZone);
        for (Iterator<Map.Entry<String, JsonNode>> fields = restricted.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode now = current.get(field.getKey());
            JsonNode wanted = field.getValue();
            boolean same = now != null && (now.isNumber() && wanted.isNumber() ? now.asLong() == wanted.asLong()
                : now.equals(wanted));
            if (!same && !wanted.isNull()) {
                throw new ApiException(403, ParseErrorCode.OPERATION_FORBIDDEN, field.getKey() + " is set by the "
                    + "platform's operator and cannot be changed by an account on this platform.");
            }
        }
    }

    private static boolean writable(String field) {
        return field.equals("appName") || field.equals("subdomain") || field.equals("requestsPerSecond")
            || field.equals("timeZone") || FLAGS.contains(field)
            || OPTIONS.containsKey(field);
    }

    /** An IANA region zone ("Europe/Berlin") or UTC; offsets and abbreviations are refused (they ignore DST). */
    private static Optional<String> timeZone(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String zone = value.isTextual() ? value.asText() : "";
        TextInput.require("timeZone", zone, 64, ParseErrorCode.VALIDATION_ERROR);
        try {
            if (zone.equals("UTC") || (zone.contains("/") && java.time.ZoneId.getAvailableZoneIds().contains(zone))) {
                return Optional.of(java.time.ZoneId.of(zone).getId());
            }
        } catch (java.time.DateTimeException e) {
            // refused below
        }
        throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "timeZone must be an IANA time zone such as "
            + "Europe/Berlin or America/New_York, or UTC; got " + (value.isTextual() ? "\"" + zone + "\"" : value) + ".");
    }

    private static Optional<Integer> requestsPerSecond(JsonNode value, AppPolicy policy) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.invalid(ParseErrorCode.INCORRECT_TYPE, "requestsPerSecond must be an integer.");
        }
        int rate = value.intValue();
        if (rate < 1 || rate > policy.maxRequestsPerSecond()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "requestsPerSecond must be 1 to "
                + policy.maxRequestsPerSecond() + " on this platform (reparse.apps.max-requests-per-second), got "
                + rate + ".");
        }
        return Optional.of(rate);
    }

    private static JsonNode checkType(String field, Class<?> type, JsonNode value) {
        boolean ok;
        String wanted;
        if (type == boolean.class) {
            ok = value.isBoolean();
            wanted = "a boolean";
        } else if (type == int.class) {
            ok = value.isIntegralNumber() && value.canConvertToInt();
            wanted = "an integer";
        } else if (type == long.class) {
            ok = value.isIntegralNumber() && value.canConvertToLong();
            wanted = "an integer";
        } else if (type == String.class) {
            ok = value.isTextual();
            wanted = "a string";
            if (ok) {
                checkText(field, value.asText());
            }
        } else {
            ok = value.isArray() && java.util.stream.StreamSupport.stream(value.spliterator(), false)
                .allMatch(JsonNode::isTextual);
            wanted = "an array of strings";
        }
        if (!ok) {
            throw ApiException.invalid(ParseErrorCode.INCORRECT_TYPE, field + " must be " + wanted + ".");
        }
        return value;
    }

    /** Mail bodies may hold line breaks and tabs; no other control character, and no field is unbounded. */
    private static void checkText(String field, String text) {
        if (field.endsWith("Body")) {
            TextInput.require(field, text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '), MAX_BODY,
                ParseErrorCode.VALIDATION_ERROR);
        } else {
            TextInput.require(field, text, MAX_TEXT, ParseErrorCode.VALIDATION_ERROR);
        }
    }

    private static Map<String, Class<?>> optionFields() {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        Arrays.stream(AppOptions.class.getRecordComponents())
            .forEach(component -> fields.put(component.getName(), component.getType()));
        return java.util.Collections.unmodifiableMap(fields);
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

    /** Writes these changes onto the app; whether anything changed. Options that do not validate answer 400. */
    boolean applyTo(App app) {
        checkRestricted(app);
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
        if (timeZone.isPresent() && !timeZone.get().equals(app.timeZone == null ? "UTC" : app.timeZone)) {
            app.timeZone = timeZone.get();
            changed = true;
        }
        if (requestsPerSecond.isPresent() && requestsPerSecond.get() != app.requestsPerSecond) {
            app.requestsPerSecond = requestsPerSecond.get();
            changed = true;
        }
        if (!options.isEmpty()) {
            AppOptions current = StoredOptions.read(app.options);
            AppOptions wanted = merged(current);
            if (!wanted.equals(current)) {
                app.options = StoredOptions.write(wanted);
                changed = true;
            }
        }
        return changed;
    }

    private AppOptions merged(AppOptions current) {
        ObjectNode merged = JSON.valueToTree(current);
        merged.setAll(options);
        try {
            return JSON.treeToValue(merged, AppOptions.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, cause.getMessage() + ".");
        }
    }

    private static boolean set(Optional<Boolean> wanted, boolean current, Consumer<Boolean> setter) {
        if (wanted.isPresent() && wanted.get() != current) {
            setter.accept(wanted.get());
            return true;
        }
        return false;
    }
}
