package dev.reparse.runtime.security;

import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an update or delete of existing objects may touch: the CLP decides whether the operation is
 * allowed at all, then pointer permissions ({@code pointerFields}, {@code writeUserFields}) and the
 * ACL's write entries narrow the query the store runs, so an object the caller may not change is
 * indistinguishable from a missing one (101).
 */
public final class WriteAccess {
    private WriteAccess() {
    }

    /**
     * The where narrowed to the objects the principal may change; empty when it may change none.
     * Throws 119/101 when the CLP refuses the operation.
     *
     * @param fieldType the schema type name of a field, or null
     */
    public static Optional<Map<String, Object>> constrain(Map<String, Object> clp, Operation operation,
            Principal principal, Map<String, Object> where, Function<String, String> fieldType) {
        ClassAccess access = ClassLevelPermissions.authorize(clp, operation, principal, false);
        return access.constrain(where, principal, fieldType).map(own -> AccessControlLists.writable(own, principal));
    }
}
