package dev.reparse.runtime.core;

import java.util.Map;

/**
 * Who hears of every object write once it is stored (LiveQuery): the core asks {@link #wants} before a write, so
 * it reads the object as it was only for classes someone listens to. Objects are in REST form as stored, with
 * {@code objectId}, {@code createdAt}, {@code updatedAt}, {@code ACL}; listeners get their own copies and must
 * not block (they hand the event on).
 */
public interface WriteEvents {
    /** Nobody listens. */
    WriteEvents NONE = className -> false;

    /** Whether writes of this class are reported; a false answer costs the write nothing. */
    boolean wants(String className);

    /** An object created ({@code original} null) or updated ({@code original} as it was before). */
    default void saved(String className, Map<String, Object> object, Map<String, Object> original) {
    }

    /** An object deleted, as it was. */
    default void deleted(String className, Map<String, Object> object) {
    }
}
