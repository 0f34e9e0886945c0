package dev.reparse.runtime.core;

import java.util.List;
import java.util.Map;

/**
 * The app's own code around the core's operations (Cloud Code triggers and webhooks): the core asks {@link
 * #has} first, so a class without triggers costs nothing. A {@code before*} refuses with a {@link
 * dev.reparse.protocol.ParseException} carrying the trigger's code; the {@code after*} ones never fail the
 * operation. Objects are in REST form with {@code objectId}, {@code createdAt}, {@code updatedAt}.
 */
public interface Triggers {
    /** No triggers at all. */
    Triggers NONE = (triggerName, className) -> false;

    /** Whether the app registered this trigger ({@code beforeSave}, {@code afterFind}, ...) for the class. */
    boolean has(String triggerName, String className);

    /**
     * A create ({@code original} null) or update about to be checked and stored; answers the fields to write
     * instead, in REST form with operators (the trigger may change, add or remove fields).
     */
    default Map<String, Object> beforeSave(Auth auth, String className, Map<String, Object> changes,
            Map<String, Object> original) {
        return changes;
    }

    /** The object as stored, and as it was before an update ({@code null} after a create). */
    default void afterSave(Auth auth, String className, Map<String, Object> object, Map<String, Object> original) {
    }

    default void beforeDelete(Auth auth, String className, Map<String, Object> object) {
    }

    default void afterDelete(Auth auth, String className, Map<String, Object> object) {
    }

    /** A find (or a get, {@code isGet}) about to run; answers the query to run instead. */
    default FindRequest beforeFind(Auth auth, String className, FindRequest request, boolean isGet) {
        return request;
    }

    /** A find's results, before they are answered; answers the results to answer instead. */
    default List<Map<String, Object>> afterFind(Auth auth, String className, List<Map<String, Object>> objects,
            FindRequest request, boolean isGet) {
        return objects;
    }

    /** A user about to log in (with a password or authData); refusing stops the login. */
    default void beforeLogin(Auth auth, Map<String, Object> user) {
    }

    /** A user who has just logged in, with the new session's token. */
    default void afterLogin(Auth auth, Map<String, Object> user) {
    }

    /** A session that has just ended by logout. */
    default void afterLogout(Auth auth, Map<String, Object> session) {
    }

    /**
     * A file about to be stored ({@code name} as given, {@code contentType}, {@code size} when known, {@code
     * metadata}, {@code tags}); refusing stops the upload before a byte is stored.
     */
    default void beforeSaveFile(Auth auth, Map<String, Object> file) {
    }

    /** A file just stored: as for {@link #beforeSaveFile}, with its stored {@code name} and {@code url}. */
    default void afterSaveFile(Auth auth, Map<String, Object> file) {
    }

    /** A file about to be deleted ({@code name}, {@code url}); refusing keeps it. */
    default void beforeDeleteFile(Auth auth, Map<String, Object> file) {
    }

    default void afterDeleteFile(Auth auth, Map<String, Object> file) {
    }

    /** A password reset about to be mailed to this user; refusing stops it. */
    default void beforePasswordResetRequest(Auth auth, Map<String, Object> user) {
    }
}
