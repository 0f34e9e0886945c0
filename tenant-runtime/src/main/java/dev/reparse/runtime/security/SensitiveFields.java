package dev.reparse.runtime.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fields that never leave the server, or only to their owner, whoever asks: storage-internal
 * {@code _}-prefixed fields ({@code _rperm}, {@code _hashed_password}, {@code _session_token},
 * {@code _auth_data_*}, tokens, lockout counters, password history...) for every class; a user's
 * session token and password always; a user's {@code authData} except to that user or the master key.
 */
public final class SensitiveFields {
    /** Per class: fields never returned from a query (the login routes answer a session token themselves). */
    private static final Map<String, Set<String>> NEVER_RETURNED = Map.of("_User", Set.of("sessionToken", "password"));
    /** Per class: fields returned only to the object's own user or the master key. */
    private static final Map<String, Set<String>> OWNER_ONLY = Map.of("_User", Set.of("authData"));
    /** Per class: fields only the master key may query or sort on. */
    private static final Map<String, Set<String>> MASTER_ONLY_QUERY =
            Map.of("_User", Set.of("authData", "sessionToken", "password"));

    private SensitiveFields() {
    }

    /**
     * Removes, in place, what the viewer must not see of an object of the class; returns it.
     *
     * @param viewer the logged-in user, empty for an anonymous caller or the master key
     */
    public static Map<String, Object> strip(String className, Map<String, Object> object, Optional<String> viewer,
            boolean master) {
        object.keySet().removeIf(key -> key.startsWith("_"));
        object.keySet().removeAll(NEVER_RETURNED.getOrDefault(className, Set.of()));
        boolean owner = viewer.isPresent() && viewer.get().equals(object.get("objectId"));
        if (!master && !owner) {
            object.keySet().removeAll(OWNER_ONLY.getOrDefault(className, Set.of()));
        }
        return object;
    }

    /** Fields of the class that only the master key may query. */
    static Set<String> masterOnlyQuery(String className) {
        return MASTER_ONLY_QUERY.getOrDefault(className, Set.of());
    }

    /**
     * Whether a user sees its own object whole, protected fields included: a {@code _User} for its
     * own user, as in Parse Server.
     */
    static boolean isOwnObject(String className, Map<String, Object> object, Principal principal) {
        return OWNER_ONLY.containsKey(className) && principal.userId().isPresent()
                && principal.userId().get().equals(object.get("objectId"));
    }
}
