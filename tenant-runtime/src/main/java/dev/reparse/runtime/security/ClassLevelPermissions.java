package dev.reparse.runtime.security;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a principal may perform an operation on a class, from the class's CLP in the
 * {@code /schemas} form, as Parse Server's {@code validatePermission}. Pure: no storage, no HTTP.
 * The master key never reaches here.
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

        /** Reads are restricted by {@code readUserFields}, everything else by {@code writeUserFields}. */
        boolean isRead() {
            return this == FIND || this == COUNT || this == GET;
        }
    }

    private ClassLevelPermissions() {
    }

    /**
     * Whether the CLP grants the operation outright: an absent CLP or operation entry is open;
     * otherwise {@code *}, the user or one of its roles must be granted. {@code requiresAuthentication}
     * and pointer permissions are not outright grants; {@link #authorize} weighs them.
     */
    public static boolean grants(Map<String, Object> clp, Operation operation, Principal principal) {
        if (clp == null || !(clp.get(operation.key()) instanceof Map<?, ?> grants)) {
            return true;
        }
        for (String grantee : principal.grantees()) {
            if (Boolean.TRUE.equals(grants.get(grantee))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The principal's access to the class for the operation: unrestricted when the CLP grants it
     * outright, else (through {@code requiresAuthentication} or pointer permissions) restricted to
     * objects whose pointer fields name the user, as Parse Server's {@code validatePermission} and
     * {@code addPointerPermissions} decide together. Throws 119 "Permission denied" when the CLP
     * refuses, and 101 "Permission denied" for {@code requiresAuthentication} without a user (Parse
     * Server 9's sanitized answers; unsanitized they name the action and class).
     *
     * @param updating for {@link Operation#ADD_FIELD}: whether the field comes with an update, where
     *     pointer permissions may allow it (never on a create)
     */
    public static ClassAccess authorize(Map<String, Object> clp, Operation operation, Principal principal,
            boolean updating) {
        if (grants(clp, operation, principal)) {
            return ClassAccess.UNRESTRICTED;
        }
        Map<?, ?> grants = (Map<?, ?>) clp.get(operation.key());
        ClassAccess restricted = ClassAccess.restrictedTo(userFields(clp, operation));
        if (Boolean.TRUE.equals(grants.get("requiresAuthentication"))) {
            if (!principal.isAuthenticated()) {
                throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Permission denied");
            }
            return restricted;
        }
        if (operation == Operation.CREATE) {
            throw denied();
        }
        List<String> groupFields = stringList(clp.get(groupKey(operation)));
        List<String> pointerFields = stringList(grants.get("pointerFields"));
        boolean pointerGrant = !pointerFields.isEmpty() && (operation != Operation.ADD_FIELD || updating);
        if (groupFields.isEmpty() && !pointerGrant) {
            throw denied();
        }
        return restricted;
    }

    /** Whether {@link #authorize} allows the operation at all, without throwing. */
    public static boolean permits(Map<String, Object> clp, Operation operation, Principal principal, boolean updating) {
        try {
            authorize(clp, operation, principal, updating);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    /** 119 (or 101) unless {@link #authorize} allows the operation at all; pointer restrictions are the caller's. */
    public static void check(Map<String, Object> clp, Operation operation, Principal principal) {
        authorize(clp, operation, principal, false);
    }

    /**
     * The pointer fields that restrict an operation the CLP does not grant outright: the operation's
     * {@code pointerFields} plus {@code readUserFields} or {@code writeUserFields}. A field added to an
     * object is not an object access, so addField is never restricted this way.
     */
    private static List<String> userFields(Map<String, Object> clp, Operation operation) {
        List<String> fields = new ArrayList<>();
        if (operation == Operation.ADD_FIELD) {
            return fields;
        }
        if (clp.get(operation.key()) instanceof Map<?, ?> grants) {
            fields.addAll(stringList(grants.get("pointerFields")));
        }
        for (String field : stringList(clp.get(groupKey(operation)))) {
            if (!fields.contains(field)) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static String groupKey(Operation operation) {
        return operation.isRead() ? "readUserFields" : "writeUserFields";
    }

    static ParseException denied() {
        return new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "Permission denied");
    }

    private static List<String> stringList(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }
}
