package dev.reparse.provisioning;

import java.util.Objects;

/**
 * The desired state of one app, as the control plane records it: each change bumps
 * {@code generation}, and status reports which generation it reflects.
 */
public record AppSpec(String applicationId, long generation, String name, AppKeys keys, AppSettings settings,
        boolean deleted) {
    public AppSpec {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1, got " + generation);
        }
    }
}
