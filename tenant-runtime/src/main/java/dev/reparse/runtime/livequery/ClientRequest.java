package dev.reparse.runtime.livequery;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One frame a LiveQuery client sends, parsed and checked as Parse Server's request schema checks it (same
 * required fields, types and no unknown fields), so a client gets the same error 1 with the same message.
 */
sealed interface ClientRequest {
    /** {@code connect}: the keys are checked like a REST request's. */
    record Connect(String applicationId, Map<String, String> keys, String sessionToken, String installationId)
            implements ClientRequest {
    }

    /** {@code subscribe}, or {@code update} ({@code replacing}) of a subscription the connection holds. */
    record Subscribe(int requestId, Query query, String sessionToken, boolean replacing) implements ClientRequest {
    }

    /** {@code unsubscribe}. */
    record Unsubscribe(int requestId) implements ClientRequest {
    }

    /**
     * A subscription's query.
     *
     * @param keys the fields events carry (besides className, objectId, createdAt, updatedAt, ACL); null for all
     * @param watch the fields whose change makes an update event; null for any
     */
    record Query(String className, Map<String, Object> where, List<String> keys, List<String> watch) {
        /** As the SDK's {@code Parse.Query.toJSON()} writes it: {@code keys} and {@code watch} comma-separated. */
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("where", where);
            if (keys != null) {
                json.put("keys", String.join(",", keys));
            }
            if (watch != null) {
                json.put("watch", String.join(",", watch));
            }
            return json;
        }

        /** The query a Cloud Code trigger answered, in {@link #toJson}'s form; throws 102 for anything else. */
        static Query fromJson(String className, Map<String, Object> json) {
            Object where = json.get("where") == null ? Map.of() : json.get("where");
            if (!(where instanceof Map<?, ?> map)) {
                throw new ParseException(dev.reparse.protocol.ParseErrorCode.INVALID_QUERY, "where must be an object");
            }
            return new Query(className, castMap(map), names(json.get("keys")), names(json.get("watch")));
        }

        private static List<String> names(Object value) {
            if (value instanceof String text && !text.isEmpty()) {
                return List.of(text.split(","));
            }
            if (value instanceof List<?> list && !list.isEmpty()) {
                return list.stream().map(String::valueOf).toList();
            }
            return null;
        }
    }

    /** A frame that is not a valid request: Parse Server's error 1 with the schema's message. */
    final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    Set<String> CONNECT_FIELDS = Set.of("op", "applicationId", "javascriptKey", "masterKey", "clientKey", "windowsKey",
            "restAPIKey", "sessionToken", "installationId");
    Set<String> SUBSCRIBE_FIELDS = Set.of("op", "requestId", "query", "sessionToken");
    Set<String> QUERY_FIELDS = Set.of("className", "where", "keys", "watch", "include");
    Set<String> UNSUBSCRIBE_FIELDS = Set.of("op", "requestId");
    List<String> KEY_FIELDS = List.of("javascriptKey", "masterKey", "clientKey", "windowsKey", "restAPIKey");

    /** The request in a text frame; {@link Invalid} for anything Parse Server's schema refuses. */
    static ClientRequest parse(String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (ParseException e) {
            throw new Invalid("Invalid JSON");
        }
        if (!(parsed instanceof Map<?, ?> frame)) {
            throw new Invalid("Invalid type: " + typeName(parsed) + " (expected object)");
        }
        Object op = required(frame, "op");
        if (!(op instanceof String name)) {
            throw new Invalid("Invalid type: " + typeName(op) + " (expected string)");
        }
        return switch (name) {
            case "connect" -> connect(frame);
            case "subscribe" -> subscribe(frame, false);
            case "update" -> subscribe(frame, true);
            case "unsubscribe" -> {
                onlyKnown(frame, UNSUBSCRIBE_FIELDS);
                yield new Unsubscribe(requestId(frame));
            }
            default -> throw new Invalid("No enum match for: \"" + name + "\"");
        };
    }

    private static Connect connect(Map<?, ?> frame) {
        onlyKnown(frame, CONNECT_FIELDS);
        String applicationId = string(frame, "applicationId", true);
        Map<String, String> keys = new LinkedHashMap<>();
        for (String field : KEY_FIELDS) {
            String value = string(frame, field, false);
            if (value != null) {
                keys.put(field, value);
            }
        }
        return new Connect(applicationId, keys, string(frame, "sessionToken", false),
                string(frame, "installationId", false));
    }

    private static Subscribe subscribe(Map<?, ?> frame, boolean replacing) {
        onlyKnown(frame, SUBSCRIBE_FIELDS);
        int requestId = requestId(frame);
        if (!(required(frame, "query") instanceof Map<?, ?> query)) {
            throw new Invalid("Invalid type: " + typeName(frame.get("query")) + " (expected object)");
        }
        onlyKnown(query, QUERY_FIELDS);
        required(query, "where");
        String className = string(query, "className", true);
        if (!(query.get("where") instanceof Map<?, ?> where)) {
            throw new Invalid("Invalid type: " + typeName(query.get("where")) + " (expected object)");
        }
        stringList(query, "include");
        Query parsed = new Query(className, castMap(where), stringList(query, "keys"), stringList(query, "watch"));
        return new Subscribe(requestId, parsed, string(frame, "sessionToken", false), replacing);
    }

    private static Object required(Map<?, ?> frame, String field) {
        if (!frame.containsKey(field)) {
            throw new Invalid("Missing required property: " + field);
        }
        return frame.get(field);
    }

    private static void onlyKnown(Map<?, ?> frame, Set<String> known) {
        for (Object key : frame.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new Invalid("Additional properties not allowed");
            }
        }
    }

    private static int requestId(Map<?, ?> frame) {
        Object value = required(frame, "requestId");
        if (!(value instanceof Number number)) {
            throw new Invalid("Invalid type: " + typeName(value) + " (expected number)");
        }
        if (number.doubleValue() != Math.rint(number.doubleValue()) || Math.abs(number.doubleValue()) > Integer.MAX_VALUE) {
            throw new Invalid("requestId must be an integer");
        }
        return number.intValue();
    }

    private static String string(Map<?, ?> frame, String field, boolean required) {
        Object value = required ? required(frame, field) : frame.get(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new Invalid("Invalid type: " + typeName(value) + " (expected string)");
        }
        return text;
    }

    /** An optional array of unique strings with at least one item, or null. */
    private static List<String> stringList(Map<?, ?> query, String field) {
        Object value = query.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new Invalid("Invalid type: " + typeName(value) + " (expected array)");
        }
        if (list.isEmpty()) {
            throw new Invalid("Array is too short (0), minimum 1");
        }
        List<String> items = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String item)) {
                throw new Invalid("Invalid type: " + typeName(list.get(i)) + " (expected string)");
            }
            if (!seen.add(item)) {
                throw new Invalid("Array items are not unique (indices " + items.indexOf(item) + " and " + i + ")");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
