package dev.reparse.provisioning.spi;

import java.util.Objects;

/**
 * An app's bucket as provisioned: where it is, the credentials its runtime uses, and what the
 * {@code Bucket} condition says about them (scoped to the bucket, or shared).
 */
public record BucketResources(String bucket, String endpoint, String region, String accessKey, String secretKey,
        boolean pathStyle, String reason, String message) {
    public BucketResources {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Leaves the secret key out of logs. */
    @Override
    public String toString() {
        return "BucketResources[" + bucket + " at " + endpoint + ", " + reason + "]";
    }
}
