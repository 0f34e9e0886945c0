package dev.reparse.runtime.security;

import dev.reparse.runtime.security.ClassLevelPermissions.Operation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything that decides what one read of a class may return to its caller, evaluated once per
 * query: the CLP (with pointer permissions), the ACL, the fields the query may not name and the
 * fields each result must lose. The master key reads everything but storage-internal fields.
 */
public final class ReadAccess {
    private final String className;
    private final Map<String, Object> clp;
    private final Principal principal;
    private final boolean master;
    private final ClassAccess access;
    private final Set<String> hidden;

    private ReadAccess(String className, Map<String, Object> clp, Principal principal, boolean master,
            ClassAccess access, Set<String> hidden) {
        this.className = className;
        this.clp = clp;
        this.principal = principal;
        this.master = master;
        this.access = access;
        this.hidden = hidden;
    }

    /** The master key's read: no CLP, ACL or protected fields. */
    public static ReadAccess master(String className) {
        return new ReadAccess(className, Map.of(), Principal.anonymous(), true, ClassAccess.UNRESTRICTED, Set.of());
    }

    /**
     * A non-master read; throws 119/101 when the CLP refuses the operation.
     *
     * @param where the client's where, to spot a user reading its own record by id (which hides nothing)
     */
    public static ReadAccess of(String className, Map<String, Object> clp, Operation operation, Principal principal,
            Map<String, Object> where) {
        ClassAccess access = ClassLevelPermissions.authorize(clp, operation, principal, false);
        boolean ownRecord = SensitiveFields.isOwnObject(className, where, principal);
        Set<String> hidden = ownRecord ? Set.of() : ProtectedFields.hiddenFrom(clp, principal);
        return new ReadAccess(className, clp, principal, false, access, hidden);
    }

    /** 119 when the where or sort names a field the caller may not probe. */
    public void checkQuery(Map<String, Object> where, java.util.List<String> order) {
        if (!master) {
            QueryGuard.checkWhere(className, where, hidden);
            QueryGuard.checkOrder(className, order, hidden);
        }
    }

    /** 119 when the field (e.g. a {@code $select} key or a {@code $relatedTo} key) may not be probed. */
    public void checkField(String field) {
        if (!master) {
            QueryGuard.checkField(className, field, hidden);
        }
    }

    /**
     * The where narrowed to what the caller may read (pointer permissions, then the ACL); empty when
     * it can read nothing.
     *
     * @param fieldType the schema type name of a field, or null
     */
    public Optional<Map<String, Object>> constrain(Map<String, Object> where, Function<String, String> fieldType) {
        if (master) {
            return Optional.of(where);
        }
        return access.constrain(where, principal, fieldType).map(own -> AccessControlLists.readable(own, principal));
    }

    /**
     * Whether one object (REST form) passes the pointer permissions this read is restricted by, decided in memory
     * for objects that never went through a query (LiveQuery events).
     */
    public boolean admits(Map<String, Object> object) {
        return master || access.admits(object, principal);
    }

    /** Whether the object's ACL lets the caller read it, decided in memory; the master key reads everything. */
    public boolean aclAllows(Map<String, Object> object) {
        return master || AccessControlLists.readableBy(object.get("ACL"), principal);
    }

    /** Fields the results need for the checks even when {@code keys} leaves them out. */
    public Set<String> fieldsNeeded() {
        return master ? Set.of() : ProtectedFields.userFieldPointers(clp);
    }

    /** Removes, in place, what the caller may not see of one result; returns it. */
    public Map<String, Object> filter(Map<String, Object> object) {
        if (!master && !SensitiveFields.isOwnObject(className, object, principal)) {
            object.keySet().removeAll(ProtectedFields.hiddenIn(clp, hidden, principal, object));
        }
        return SensitiveFields.strip(className, object, principal.userId(), master);
    }
}
