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
 * @param cloudCode the release of the app's Cloud Code its runtime should run; none until code is uploaded
 */
public record AppSpec(String applicationId, long generation, String name, AppKeys keys, AppSettings settings,
        boolean deleted, Optional<Instant> deletedAt, Optional<CloudCodeRelease> cloudCode) {
    public AppSpec {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
        deletedAt = deletedAt == null ? Optional.empty() : deletedAt;
        cloudCode = cloudCode == null ? Optional.empty() : cloudCode;
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1, got " + generation);
        }
    }

    /** A spec without Cloud Code. */
    public AppSpec(String applicationId, long generation, String name, AppKeys keys, AppSettings settings,
            boolean deleted, Optional<Instant> deletedAt) {
        this(applicationId, generation, name, keys, settings, deleted, deletedAt, Optional.empty());
    }

    /** A spec without a recorded deletion time and without Cloud Code. */
    public AppSpec(String applicationId, long generation, String name, AppKeys keys, AppSettings settings,
            boolean deleted) {
        this(applicationId, generation, name, keys, settings, deleted, Optional.empty(), Optional.empty());
    }

    /** This spec with that Cloud Code release (or none). */
    public AppSpec withCloudCode(Optional<CloudCodeRelease> release) {
        return new AppSpec(applicationId, generation, name, keys, settings, deleted, deletedAt, release);
    }
}
