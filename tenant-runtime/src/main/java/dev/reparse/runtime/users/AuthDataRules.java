package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.authdata.AuthDataValidator;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.storage.QueryOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Third-party logins ({@code authData.<provider>}): checks their shape, has the provider's validator
 * accept them, and finds the user already linked to them ({@code _auth_data_<provider>.id}).
 */
final class AuthDataRules {
    private final AppContext app;
    private final AuthDataValidator validator;

    AuthDataRules(AppContext app, AuthDataValidator validator) {
        this.app = app;
        this.validator = validator;
    }

    /** Whether a write carries authData with at least one provider. */
    static boolean present(Map<String, Object> data) {
        return data.get("authData") instanceof Map<?, ?> providers && !providers.isEmpty();
    }

    /**
     * The write's authData, each provider's data validated (a null provider is an unlink); refuses
     * operators and a non-string id, which would otherwise reach the query that finds the user.
     */
    Map<String, Map<String, Object>> validate(Object authData) {
        if (!(authData instanceof Map<?, ?> providers)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "authData should be an object");
        }
        Map<String, Map<String, Object>> valid = new LinkedHashMap<>();
        providers.forEach((name, data) -> {
            String provider = String.valueOf(name);
            if (provider.isEmpty() || provider.startsWith("$") || provider.contains(".")) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid authData provider: " + provider);
            }
            if (data == null) {
                return;
            }
            Map<String, Object> providerData = providerData(provider, data);
            validator.validate(provider, providerData);
            valid.put(provider, providerData);
        });
        return valid;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> providerData(String provider, Object data) {
        if (!(data instanceof Map<?, ?> map)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "authData." + provider + " should be an object");
        }
        for (Object key : map.keySet()) {
            if (String.valueOf(key).startsWith("$")) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Invalid key in authData." + provider);
            }
        }
        Object id = map.get("id");
        if (id != null && !(id instanceof String)) {
            // an operator here would otherwise reach the query that finds the linked user
            throw new ParseException(ParseErrorCode.INVALID_VALUE, "authData." + provider + ".id must be a string");
        }
        if (id == null || ((String) id).isEmpty()) {
            throw new ParseException(ParseErrorCode.LINKED_ID_MISSING, "authData." + provider + ".id is missing");
        }
        return (Map<String, Object>) map;
    }

    /** The one user linked to any of these logins; 208 when they belong to different users. */
    Optional<Map<String, Object>> linkedUser(Map<String, Map<String, Object>> authData) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        app.schemas().get("_User").ifPresent(schema -> authData.forEach((provider, data) -> {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("authData." + provider + ".id", data.get("id"));
            for (Map<String, Object> user : app.storage().find("_User", schema, where, QueryOptions.limit(2))) {
                found.put((String) user.get("objectId"), user);
            }
        }));
        if (found.size() > 1) {
            throw alreadyLinked();
        }
        return found.values().stream().findFirst();
    }

    /** 208 unless these logins are free or already the user's own. */
    void requireLinkableTo(String userId, Map<String, Map<String, Object>> authData) {
        linkedUser(authData).filter(user -> !userId.equals(user.get("objectId"))).ifPresent(user -> {
            throw alreadyLinked();
        });
    }

    /** {@code createdWith.authProvider}: the providers used, comma-separated, as Parse Server writes it. */
    static String providerNames(Map<String, Map<String, Object>> authData) {
        return String.join(",", List.copyOf(authData.keySet()));
    }

    private static ParseException alreadyLinked() {
        return new ParseException(ParseErrorCode.ACCOUNT_ALREADY_LINKED, "this auth is already used");
    }
}
