package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on client input that hold everywhere, before anything is written: names that could
 * pollute a JavaScript prototype or confuse BSON, {@code $}-prefixed keys, class names, ACLs.
 */
final class InputRules {
    private static final Set<String> FORBIDDEN_KEYS = Set.of("__proto__", "constructor", "_bsontype", "prototype");
    private static final Pattern CLASS_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    private static final Set<String> SYSTEM_CLASSES = Set.of("_User", "_Installation", "_Role", "_Session",
            "_Product", "_PushStatus", "_JobStatus", "_JobSchedule", "_Audience", "_Idempotency", "_Hooks",
            "_GlobalConfig", "_GraphQLConfig");
    private static final Pattern ACL_ROLE = Pattern.compile("^role:.+$");

    private InputRules() {
    }

    /** 103 unless the name is a user class name or a system class. */
    static void checkClassName(String className) {
        if (className == null || !(CLASS_NAME.matcher(className).matches() || SYSTEM_CLASSES.contains(className))) {
            throw new ParseException(ParseErrorCode.INVALID_CLASS_NAME, "Invalid classname: " + className
                    + ", classnames can only have alphanumeric characters and _, and must start with an alpha character ");
        }
    }

    /**
     * 105 when any key, at any depth, is a prototype-pollution name or starts with {@code $}
     * (outside the {@code __op}/{@code __type} encodings, which never start with {@code $}).
     */
    static void checkKeys(Object value) {
        checkKeys(value, 0);
    }

    private static void checkKeys(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (FORBIDDEN_KEYS.contains(key) || key.startsWith("$")) {
                    throw ParseException.invalidKeyName(key);
                }
                checkKeys(entry.getValue(), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                checkKeys(item, depth + 1);
            }
        }
    }

    /** Whether a key is a prototype-pollution name. */
    static boolean isForbiddenKey(String key) {
        return FORBIDDEN_KEYS.contains(key);
    }

    /** 123 unless the ACL maps {@code *}, user ids or {@code role:name} to {@code {read, write}} booleans. */
    static void checkAcl(Object acl) {
        if (!(acl instanceof Map<?, ?> entries)) {
            throw new ParseException(ParseErrorCode.INVALID_ACL, "ACL must be an object");
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String who = String.valueOf(entry.getKey());
            if (who.isEmpty() || (who.startsWith("role:") && !ACL_ROLE.matcher(who).matches())) {
                throw new ParseException(ParseErrorCode.INVALID_ACL, "invalid ACL entry: " + who);
            }
            if (!(entry.getValue() instanceof Map<?, ?> perms) || perms.isEmpty()) {
                throw new ParseException(ParseErrorCode.INVALID_ACL, "invalid permissions for " + who);
            }
            for (Map.Entry<?, ?> perm : perms.entrySet()) {
                boolean known = "read".equals(perm.getKey()) || "write".equals(perm.getKey());
                if (!known || !(perm.getValue() instanceof Boolean)) {
                    throw new ParseException(ParseErrorCode.INVALID_ACL,
                            "invalid permission " + perm.getKey() + " for " + who);
                }
            }
        }
    }
}
