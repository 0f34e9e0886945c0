package dev.reparse.runtime.core;

import java.util.function.Supplier;

/**
 * Where an app's current settings come from: fixed options, or a settings file that the control
 * plane rewrites while the runtime runs.
 */
@FunctionalInterface
public interface SettingsSource extends Supplier<AppSettings> {

    /**
     * The settings re-read now when their source changed since the last read; a request whose key
     * did not match asks this once, so a key rotated a moment ago works before the next poll.
     */
    default AppSettings fresh() {
        return get();
    }
}
