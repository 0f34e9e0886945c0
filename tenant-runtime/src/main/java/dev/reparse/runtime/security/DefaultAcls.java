package dev.reparse.runtime.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ACL a new object is stored with when that is not simply what the client sent. A new user
 * always gets read and write on itself, so no ACL can lock it out of its own record; without an ACL
 * it gets nothing else when users are private ({@code enforcePrivateUsers}, Parse Server 9's
 * default) and public read otherwise.
 */
public final class DefaultAcls {
    /** Classes whose objects are principals themselves, and so own themselves. */
    private static final Set<String> SELF_OWNED = Set.of("_User");

    private DefaultAcls() {
    }

    /**
     * The ACL to store for a new object, or empty to store the given one unchanged.
     *
     * @param givenAcl the ACL the client sent (or the class default filled in), or null
     */
    public static Optional<Map<String, Object>> forNewObject(String className, Object givenAcl, String objectId,
            boolean enforcePrivateUsers) {
        if (!SELF_OWNED.contains(className)) {
            return Optional.empty();
        }
        Map<String, Object> acl = new LinkedHashMap<>();
        if (givenAcl instanceof Map<?, ?> given) {
            given.forEach((entity, access) -> acl.put(String.valueOf(entity), access));
        } else if (!enforcePrivateUsers) {
            acl.put("*", Map.of("read", true));
        }
        acl.put(objectId, Map.of("read", true, "write", true));
        return Optional.of(acl);
    }
}
