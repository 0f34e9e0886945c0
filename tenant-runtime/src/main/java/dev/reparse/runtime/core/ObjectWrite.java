package dev.reparse.runtime.core;

import java.util.Map;
import java.util.Objects;

/**
 * One write as the {@link ClassHooks} see it.
 *
 * @param objectId the object's id; for a create, the id it is about to be stored under
 * @param data the fields being written, in REST form with operators; hooks may change it
 * @param notes what a before-hook leaves for its after-hook within this one write
 */
public record ObjectWrite(Auth auth, String className, String objectId, Map<String, Object> data,
        Map<String, Object> notes) {
    public ObjectWrite {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(notes, "notes");
    }

    /** A write with no notes yet. */
    public static ObjectWrite of(Auth auth, String className, String objectId, Map<String, Object> data) {
        return new ObjectWrite(auth, className, objectId, data, new java.util.HashMap<>());
    }
}
