package dev.reparse.runtime.security;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Map;

/**
 * Decides whether a principal may perform an operation on a class, from the class's CLP in the
 * {@code /schemas} form. Pure: no storage, no HTTP. The master key never reaches here.
 */
public final class ClassLevelPermissions {
    /** The operations a CLP governs, by their CLP key. */
    public enum Operation {
        FIND("find"), COUNT("count"), GET("get"), CREATE("create"), UPDATE("update"), DELETE("delete"),
        ADD_FIELD("addField");

        private final String key;

        Operation(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private ClassLevelPermissions() {
    }

    /**
     * Whether the CLP lets the principal do the operation: an absent CLP or operation entry is
     * open; otherwise {@code *}, the user, one of its roles, or {@code requiresAuthentication}
     * for a logged-in user grants it.
     */
    public static boolean permits(Map<String, Object> clp, Operation operation, Principal principal) {
        if (clp == null || !(clp.get(operation.key()) instanceof Map<?, ?> grants)) {
            return true;
        }
        for (String grantee : principal.grantees()) {
            if (Boolean.TRUE.equals(grants.get(grantee))) {
                return true;
            }
        }
        return principal.userId().isPresent() && Boolean.TRUE.equals(grants.get("requiresAuthentication"));
    }

    /** 119, in Parse Server 9's sanitized words, unless {@link #permits} says yes. */
    public static void check(Map<String, Object> clp, Operation operation, Principal principal) {
        if (!permits(clp, operation, principal)) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "Permission denied");
        }
    }
}
