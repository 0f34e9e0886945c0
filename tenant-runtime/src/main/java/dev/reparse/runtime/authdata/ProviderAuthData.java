package dev.reparse.runtime.authdata;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One provider's {@code authData}, checked for shape before any provider is called: a non-empty string
 * {@code id} and no key anywhere that MongoDB would read as an operator or a path, because the users
 * feature stores this map and queries by {@code authData.<provider>.id}.
 */
record ProviderAuthData(String provider, String id, Map<String, Object> fields) {

    static ProviderAuthData of(String provider, Map<String, Object> authData) {
        if (authData == null) {
            throw unsupported();
        }
        refuseOperatorKeys(authData);
        Object id = authData.get("id");
        if (id == null || "".equals(id)) {
            // Parse Server cannot handle authData without an id and answers as for an unknown method
            throw unsupported();
        }
        if (!(id instanceof String text)) {
            throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "authData." + provider + ".id must be a string.");
        }
        return new ProviderAuthData(provider, text, Map.copyOf(withoutNulls(authData)));
    }

    /** The field's value when it is a non-empty string; anything else counts as absent. */
    Optional<String> text(String field) {
        return fields.get(field) instanceof String value && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    }

    static ParseException unsupported() {
        return new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE, "This authentication method is unsupported.");
    }

    private static void refuseOperatorKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.startsWith("$") || key.contains(".")) {
                    throw ParseException.invalidKeyName(key);
                }
                refuseOperatorKeys(entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(ProviderAuthData::refuseOperatorKeys);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> authData) {
        Map<String, Object> copy = new LinkedHashMap<>();
        authData.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
