package dev.reparse.runtime.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-level ACLs as query constraints, so the store returns, updates and deletes only what the
 * principal may see or change: an object is readable when its {@code _rperm} is absent or names one
 * of the principal's grantees, writable likewise through {@code _wperm}.
 */
public final class AccessControlLists {
    private AccessControlLists() {
    }

    public static Map<String, Object> readable(Map<String, Object> where, Principal principal) {
        return constrained(where, "_rperm", principal);
    }

    public static Map<String, Object> writable(Map<String, Object> where, Principal principal) {
        return constrained(where, "_wperm", principal);
    }

    private static Map<String, Object> constrained(Map<String, Object> where, String field, Principal principal) {
        List<Object> allowed = new ArrayList<>();
        allowed.add(null);
        allowed.addAll(principal.grantees());
        Map<String, Object> constrained = new LinkedHashMap<>(where);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("$in", allowed);
        constrained.put(field, in);
        return constrained;
    }

    /**
     * Whether an object's ACL (REST form, {@code {"*": {"read": true}, "<userId>": ..., "role:<name>": ...}})
     * lets the principal read it, decided in memory as the {@link #readable} constraint decides in the store: no
     * ACL is public.
     */
    public static boolean readableBy(Object acl, Principal principal) {
        if (!(acl instanceof Map<?, ?> entries)) {
            return true;
        }
        for (String grantee : principal.grantees()) {
            if (entries.get(grantee) instanceof Map<?, ?> grant && Boolean.TRUE.equals(grant.get("read"))) {
                return true;
            }
        }
        return false;
    }
}
