package dev.reparse.runtime.accounts;

import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.QueryOptions;
import dev.reparse.runtime.storage.StorageAdapter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and conditionally updates {@code _User} objects in Parse Server's layout, internal fields
 * included, for the account flows (email verification, password reset, lockout). Bypasses ACLs:
 * the callers prove who they act for with a token or a password.
 */
public final class UserRecords {
    public static final String CLASS = "_User";
    private static final String SESSION_CLASS = "_Session";

    private final StorageAdapter storage;
    private final SchemaController schemas;

    public UserRecords(StorageAdapter storage, SchemaController schemas) {
        this.storage = storage;
        this.schemas = schemas;
    }

    /** The first user matching a Parse where (internal fields allowed). */
    public Optional<Map<String, Object>> findOne(Map<String, Object> where) {
        List<Map<String, Object>> found = storage.find(CLASS, schema(), where, QueryOptions.limit(1));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Up to {@code limit} users matching a Parse where. */
    public List<Map<String, Object>> find(Map<String, Object> where, int limit) {
        return storage.find(CLASS, schema(), where, QueryOptions.limit(limit));
    }

    /**
     * Applies the update to the one user matching {@code where}, atomically: when two callers race
     * on the same condition (a reset token, say), only one finds it still true. Empty when none matched.
     */
    public Optional<Map<String, Object>> updateWhere(Map<String, Object> where, Map<String, Object> update) {
        return storage.findOneAndUpdate(CLASS, schema(), where, update);
    }

    /** Revokes every session of the user, as a password reset does (Parse Server's revokeSessionOnPasswordReset). */
    public void deleteSessions(String userId) {
        Optional<ClassSchema> sessions = schemas.get(SESSION_CLASS);
        if (sessions.isEmpty()) {
            return;
        }
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("__type", "Pointer");
        pointer.put("className", CLASS);
        pointer.put("objectId", userId);
        storage.deleteObjectsByQuery(SESSION_CLASS, sessions.get(), Map.of("user", pointer));
    }

    private ClassSchema schema() {
        return schemas.get(CLASS).orElseGet(() -> schemas.ensureClass(CLASS));
    }

    /** A Parse {@code Date} value for a stored date field. */
    public static Map<String, Object> date(Instant instant) {
        Map<String, Object> date = new LinkedHashMap<>();
        date.put("__type", "Date");
        date.put("iso", instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        return date;
    }

    /** A stored date read back: {@code {"__type":"Date","iso":...}}, an ISO string or a {@link java.util.Date}. */
    public static Optional<Instant> instant(Object value) {
        if (value instanceof Map<?, ?> map && map.get("iso") instanceof String iso) {
            return Optional.of(Instant.parse(iso));
        }
        if (value instanceof String iso) {
            return Optional.of(Instant.parse(iso));
        }
        if (value instanceof java.util.Date date) {
            return Optional.of(date.toInstant());
        }
        return Optional.empty();
    }

    /** The {@code {"__op":"Delete"}} that unsets a field. */
    public static Map<String, Object> delete() {
        return Map.of("__op", "Delete");
    }
}
