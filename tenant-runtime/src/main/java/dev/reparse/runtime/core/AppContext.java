package dev.reparse.runtime.core;

import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.StorageAdapter;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything one app's requests need, passed explicitly: nothing about an app lives in static
 * state, so two contexts in one JVM never see each other.
 */
public record AppContext(AppSettings settings, StorageAdapter storage, SchemaController schemas, Clock clock,
        ObjectIds ids, ClassHookRegistry hooks) {
    public AppContext {
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }

    /** A context whose classes have no handlers yet; features register theirs in {@link #hooks()}. */
    public AppContext(AppSettings settings, StorageAdapter storage, SchemaController schemas, Clock clock,
            ObjectIds ids) {
        this(settings, storage, schemas, clock, ids, new ClassHookRegistry());
    }
}
