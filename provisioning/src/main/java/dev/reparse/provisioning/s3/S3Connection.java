package dev.reparse.provisioning.s3;

import java.util.Objects;

/**
 * How provisioning reaches the S3-compatible store.
 *
 * @param pathStyle {@code endpoint/bucket/key} addressing, as s3proxy and MinIO want
 */
public record S3Connection(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
    public S3Connection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        return "S3Connection[" + endpoint + ", " + region + "]";
    }
}
