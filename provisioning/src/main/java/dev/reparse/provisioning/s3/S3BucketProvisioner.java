package dev.reparse.provisioning.s3;

import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.BucketProvisioner;
import dev.reparse.provisioning.spi.BucketResources;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Each app's bucket on one S3-compatible store. Credentials scoped to one bucket need the
 * store's identity management (IAM policies on AWS, MinIO policies), which this implementation
 * does not drive: it hands the runtime the shared credentials and says so in the condition.
 */
public final class S3BucketProvisioner implements BucketProvisioner {
    private static final int NOT_FOUND = 404;

    private final S3Connection connection;
    private final S3Client s3;

    public S3BucketProvisioner(S3Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.s3 = S3Client.builder()
                .region(Region.of(connection.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(connection.accessKey(), connection.secretKey())))
                .endpointOverride(URI.create(connection.endpoint()))
                .forcePathStyle(connection.pathStyle())
                .httpClient(UrlConnectionHttpClient.create())
                // S3-compatible stores (s3proxy, MinIO, Ceph) do not all know the newer trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public BucketResources ensure(DesiredApp app) {
        String bucket = app.bucketName();
        if (!exists(bucket)) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException e) {
                // created by a concurrent pass or an earlier one that died before recording it
            }
        }
        return new BucketResources(bucket, connection.endpoint(), connection.region(), connection.accessKey(),
                connection.secretKey(), connection.pathStyle(), "SharedCredentials", "bucket " + bucket + " at "
                + connection.endpoint() + "; the runtime uses the store's shared credentials (scoping them to the "
                + "bucket needs the store's IAM, which a single-identity store such as s3proxy lacks)");
    }

    @Override
    public void delete(DesiredApp app) {
        String bucket = app.bucketName();
        try {
            emptyBucket(bucket);
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            // already gone
        } catch (S3Exception e) {
            if (e.statusCode() != NOT_FOUND) {
                throw e;
            }
        }
    }

    private boolean exists(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes every object, a page of up to 1000 at a time (one multi-object delete per page). */
    private void emptyBucket(String bucket) {
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).continuationToken(continuation));
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    @Override
    public void close() {
        s3.close();
    }
}
