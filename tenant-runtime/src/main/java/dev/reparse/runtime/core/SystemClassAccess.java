package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Set;

/**
 * The system classes only the master key may touch through the generic class routes, checked before
 * anything else of a read or write (Parse Server's {@code enforceRoleSecurity}, as of 9.10): the
 * job, push, hook, config, audience and idempotency records, whatever the class-level permissions or
 * client class creation say; and no client may list or delete installations.
 */
final class SystemClassAccess {
    private static final Set<String> MASTER_ONLY = Set.of("_JobStatus", "_PushStatus", "_Hooks", "_GlobalConfig",
            "_GraphQLConfig", "_JobSchedule", "_Audience", "_Idempotency");

    private SystemClassAccess() {
    }

    /** 119 unless the caller may perform the operation ({@code find}, {@code get}, {@code create}, ...) on the class. */
    static void check(Auth auth, String className, String operation) {
        if (auth.master()) {
            return;
        }
        boolean installationListOrDelete = className.equals("_Installation")
                && (operation.equals("find") || operation.equals("delete"));
        if (MASTER_ONLY.contains(className) || installationListOrDelete) {
            throw refused(className, operation);
        }
    }

    /**
     * For the reads a query makes on other classes (subqueries, includes): 119 for the master-only
     * classes; installations stay readable there under their ACLs, as in Parse Server.
     */
    static void checkNestedRead(Auth auth, String className) {
        if (!auth.master() && MASTER_ONLY.contains(className)) {
            throw refused(className, "find");
        }
    }

    private static ParseException refused(String className, String operation) {
        return new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                "Clients aren't allowed to perform the " + operation + " operation on the " + className + " collection.");
    }
}
