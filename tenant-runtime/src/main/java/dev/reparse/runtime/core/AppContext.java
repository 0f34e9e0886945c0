package dev.reparse.runtime.core;

import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.StorageAdapter;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything one app's requests need, passed explicitly: nothing about an app lives in static
 * state, so two contexts in one JVM never see each other.
 *
 * @param settingsSource the app's current settings; they may change while the runtime runs (a key
 *     rotation, a settings change from the control plane), so each request reads {@link #settings()}
 */
public record AppContext(SettingsSource settingsSource, StorageAdapter storage, SchemaController schemas,
        Clock clock, ObjectIds ids, ClassHookRegistry hooks) {
    public AppContext(AppSettings settings, StorageAdapter storage, SchemaController schemas, Clock clock,
            ObjectIds ids) {
        this(fixed(settings), storage, schemas, clock, ids, new ClassHookRegistry());
    }

    /** A context whose classes have no handlers yet; features register theirs in {@link #hooks()}. */
    public AppContext(SettingsSource settingsSource, StorageAdapter storage, SchemaController schemas,
            Clock clock, ObjectIds ids) {
        this(settingsSource, storage, schemas, clock, ids, new ClassHookRegistry());
    }

    public AppContext {
        Objects.requireNonNull(settingsSource, "settingsSource");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }

    /** The app's settings as of now. */
    public AppSettings settings() {
        return settingsSource.get();
    }

    private static SettingsSource fixed(AppSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return () -> settings;
    }
}
