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
    private static final Pattern ACL_ROLE = Pattern.compile("^role:.+$");

    private InputRules() {
    }

    /** 103 unless the name is a user class name or a system class. */
    static void checkClassName(String className) {
        dev.reparse.runtime.schema.SchemaNames.requireValidClassName(className);
    }

    /** As {@link #checkClassName}; the master key may also read the internal classes ({@code _Hooks}, ...), as in Parse Server. */
    static void checkReadableClassName(Auth auth, String className) {
        if (!(auth.master() && dev.reparse.runtime.schema.SchemaNames.isVolatileClass(className))) {
            checkClassName(className);
        }
    }

    /**
     * Refuses, before anything is written, keys that could pollute a prototype or reach MongoDB as
     * operators: at the top, a forbidden or {@code $}-prefixed name is 105; below it, a forbidden
     * name is 105 and a {@code $} or {@code .} in a key is 121, as Parse Server answers.
     */
    static void checkKeys(Map<?, ?> body) {
        for (Map.Entry<?, ?> entry : body.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (FORBIDDEN_KEYS.contains(key) || key.startsWith("$")) {
                throw ParseException.invalidKeyName(key);
            }
            checkDottedPath(key);
            checkNestedKeys(entry.getValue());
        }
    }

    /** A dotted key ({@code a.b.c}) writes inside a field: no segment may be a forbidden name or start with {@code $}. */
    private static void checkDottedPath(String key) {
        if (key.indexOf('.') < 0) {
            return;
        }
        for (String segment : key.split("\\.", -1)) {
            if (FORBIDDEN_KEYS.contains(segment)) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME,
                        "Prohibited keyword in request data: {\"key\":\"" + segment + "\"}.");
            }
            if (segment.startsWith("$")) {
                throw ParseException.invalidKeyName(key);
            }
        }
    }

    private static void checkNestedKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (FORBIDDEN_KEYS.contains(key)) {
                    throw new ParseException(ParseErrorCode.INVALID_KEY_NAME,
                            "Prohibited keyword in request data: {\"key\":\"" + key + "\"}.");
                }
                if (key.startsWith("$") || key.contains(".")) {
                    throw new ParseException(ParseErrorCode.INVALID_NESTED_KEY,
                            "Nested keys should not contain the '$' or '.' characters");
                }
                checkNestedKeys(entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                checkNestedKeys(item);
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
