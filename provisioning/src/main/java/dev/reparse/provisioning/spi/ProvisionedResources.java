package dev.reparse.provisioning.spi;

import java.util.Objects;

/** What the Database and Bucket steps produced, handed to the Secrets and Runtime steps. */
public record ProvisionedResources(DatabaseResources database, BucketResources bucket) {
    public ProvisionedResources {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(bucket, "bucket");
    }
}
