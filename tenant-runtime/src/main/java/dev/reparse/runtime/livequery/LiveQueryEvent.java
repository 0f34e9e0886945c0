package dev.reparse.runtime.livequery;

import java.util.Map;
import java.util.Objects;

/**
 * One stored write of a live class, as it travels from the core to every LiveQuery server of the app (in this
 * process, or through a shared bus on other replicas): REST-form objects, JSON-serializable as they are.
 *
 * @param object the object after a save, or as it was for a delete
 * @param original the object before an update; null after a create and for a delete
 */
public record LiveQueryEvent(String className, Map<String, Object> object, Map<String, Object> original,
        boolean deleted) {
    public LiveQueryEvent {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(object, "object");
    }
}
