package dev.reparse.provisioning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired state of one app, as the control plane records it: each change bumps
 * {@code generation}, and status reports which generation it reflects.
 *
 * @param deletedAt when the app was deleted, so a retention period ({@code retainDataDays}) counts from
 *     then even across control-plane restarts; without it, from when provisioning first saw the delete
 */
public record AppSpec(String applicationId, long generation, String name, AppKeys keys, AppSettings settings,
        boolean deleted, Optional<Instant> deletedAt) {
    public AppSpec {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
        deletedAt = deletedAt == null ? Optional.empty() : deletedAt;
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1, got " + generation);
        }
    }

    /** A spec without a recorded deletion time. */
    public AppSpec(String applicationId, long generation, String name, AppKeys keys, AppSettings settings,
            boolean deleted) {
        this(applicationId, generation, name, keys, settings, deleted, Optional.empty());
    }
}
