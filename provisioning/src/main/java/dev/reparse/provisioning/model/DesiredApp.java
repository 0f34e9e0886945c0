package dev.reparse.provisioning.model;

import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.CloudCodeRelease;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The resources an app's spec asks for, computed without I/O: its database and database user,
 * its bucket, the settings its runtime reads, and how long its data outlives a delete.
 *
 * @param mountPath where the runtime serves the Parse API; the route's upstream ends in it
 * @param cloudCode the Cloud Code release the runtime should run, if any
 */
public record DesiredApp(String applicationId, long generation, String databaseName, String databaseUser,
        String bucketName, RuntimeSettings runtimeSettings, String mountPath, Duration dataRetention,
        boolean deleted, Optional<CloudCodeRelease> cloudCode) {
    /** The mount every tenant runtime serves under, as parse.com's {@code /1} became Parse Server's {@code /parse}. */
    public static final String MOUNT_PATH = "/parse";

    public DesiredApp {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(databaseUser, "databaseUser");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(runtimeSettings, "runtimeSettings");
        Objects.requireNonNull(mountPath, "mountPath");
        Objects.requireNonNull(dataRetention, "dataRetention");
        Objects.requireNonNull(cloudCode, "cloudCode");
    }

    /** The desired resources of that spec. */
    public static DesiredApp of(AppSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.applicationId().isBlank()) {
            throw new IllegalArgumentException("the application ID must not be blank");
        }
        String database = ResourceNames.database(spec.applicationId());
        return new DesiredApp(spec.applicationId(), spec.generation(), database, database,
                ResourceNames.bucket(spec.applicationId()),
                new RuntimeSettings(spec.applicationId(),
                        spec.name().isBlank() ? spec.applicationId() : spec.name(), spec.keys(), spec.settings())
                        .withLiveQueryClassNames(spec.settings().options().liveQueryClassNames()), MOUNT_PATH,
                Duration.ofDays(spec.settings().retainDataDays()), spec.deleted(), spec.cloudCode());
    }
}
