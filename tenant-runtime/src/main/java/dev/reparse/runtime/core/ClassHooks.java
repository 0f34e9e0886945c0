package dev.reparse.runtime.core;

import java.util.Map;

/**
 * What one class adds to the generic core: the core calls these around every create, update,
 * delete and read of the class, so {@code _User}, {@code _Session} or {@code _Role} behaviour lives
 * in a handler of its own instead of in branches of the generic path. Every method has a no-op
 * default; a handler refuses with a {@link dev.reparse.protocol.ParseException}.
 */
public interface ClassHooks {

    /**
     * A create checked against the schema, before it is stored: may change {@code write.data()},
     * including internal {@code _} fields the client could not send (e.g. {@code _hashed_password}).
     */
    default void beforeCreate(ObjectWrite write) {
    }

    /** After the object is stored: may add to the answer (e.g. a session token). */
    default void afterCreate(ObjectWrite write, Map<String, Object> response) {
    }

    /** An update checked against the schema, before it is stored: may change {@code write.data()}. */
    default void beforeUpdate(ObjectWrite write) {
    }

    /** After the update is stored: may add to the answer. */
    default void afterUpdate(ObjectWrite write, Map<String, Object> response) {
    }

    /** Before a delete; {@code write.data()} is empty. */
    default void beforeDelete(ObjectWrite write) {
    }

    /** After the object is deleted. */
    default void afterDelete(ObjectWrite write) {
    }

    /** After every object of the class was deleted at once ({@code DELETE /purge/:className}), without per-object hooks. */
    default void afterPurge() {
    }

    /** A find's or get's where, narrowed for this caller (e.g. to the caller's own sessions). */
    default Map<String, Object> restrictRead(Auth auth, Map<String, Object> where) {
        return where;
    }

    /** An object about to be answered to this caller: drop what the caller must not see. */
    default void beforeAnswer(Auth auth, Map<String, Object> object) {
    }
}
