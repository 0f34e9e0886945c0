package dev.reparse.runtime.files;

import com.mongodb.client.MongoDatabase;
import dev.reparse.runtime.files.gridfs.GridfsFilesAdapter;
import dev.reparse.runtime.files.s3.BucketNames;
import dev.reparse.runtime.files.s3.EmbeddedS3;
import dev.reparse.runtime.files.s3.S3FilesAdapter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds an app's files service from its configuration: the adapter it names, and the policy. */
public final class FilesSetup {
    private static final Logger LOG = Logger.getLogger(FilesSetup.class);

    private FilesSetup() {
    }

    /** Where the S3 adapter connects. */
    public record S3Target(URI endpoint, String region, AwsCredentialsProvider credentials, boolean pathStyle,
            String bucket, int partSize) {
    }

    /** The files service for one app; {@code database} is the app's own (GridFS lives there). */
    public static FilesService start(FilesConfig config, String appId, Path dataDir, MongoDatabase database) {
        FilesAdapter adapter = switch (config.adapter().toLowerCase(Locale.ROOT)) {
            case "gridfs" -> {
                LOG.infof("files in GridFS bucket %s of the app's database", GridfsFilesAdapter.BUCKET);
                yield new GridfsFilesAdapter(database);
            }
            case "s3" -> s3(config, appId, dataDir);
            default -> throw new IllegalArgumentException(
                    "reparse.files.adapter must be s3 or gridfs, got " + config.adapter());
        };
        return new FilesService(adapter, policy(config), config.preserveFileName(), new SecureRandom());
    }

    static UploadPolicy policy(FilesConfig config) {
        Set<String> denied = config.deniedExtensions().stream()
                .filter(extension -> !extension.equalsIgnoreCase("none"))
                .collect(Collectors.toSet());
        return new UploadPolicy(config.enableForPublic(), config.enableForAnonymousUser(),
                config.enableForAuthenticatedUser(), denied, config.maxUploadSize().asLongValue());
    }

    private static S3FilesAdapter s3(FilesConfig config, String appId, Path dataDir) {
        String bucket = config.s3Bucket().orElseGet(() -> BucketNames.forApp(appId));
        int partSize = Math.toIntExact(config.s3PartSize().asLongValue());
        if (config.s3Endpoint().isEmpty() && config.s3AccessKey().isEmpty()) {
            EmbeddedS3 server = EmbeddedS3.start(EmbeddedS3.locateJar(config.embeddedS3Jar()), dataDir);
            LOG.infof("embedded S3 server (s3proxy) on %s, bucket %s, data in %s", server.endpoint(), bucket,
                    dataDir.resolve("s3"));
            S3Target target = new S3Target(URI.create(server.endpoint()), config.s3Region(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())),
                    true, bucket, partSize);
            return connect(target, server);
        }
        AwsCredentialsProvider credentials = config.s3AccessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.s3AccessKey().get(),
                        config.s3SecretKey().orElseThrow(() -> new IllegalArgumentException(
                                "reparse.files.s3-access-key needs reparse.files.s3-secret-key"))))
                : DefaultCredentialsProvider.builder().build();
        URI endpoint = config.s3Endpoint().map(URI::create).orElse(null);
        boolean pathStyle = config.s3PathStyle().orElse(endpoint != null);
        LOG.infof("files in S3 bucket %s at %s", bucket, endpoint == null ? "AWS " + config.s3Region() : endpoint);
        return connect(new S3Target(endpoint, config.s3Region(), credentials, pathStyle, bucket, partSize), () -> {
        });
    }

    /** An S3 adapter on that target, its bucket created when missing; {@code alsoClose} goes with it. */
    public static S3FilesAdapter connect(S3Target target, AutoCloseable alsoClose) {
        var builder = S3Client.builder()
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .forcePathStyle(target.pathStyle())
                .httpClient(UrlConnectionHttpClient.create())
                // S3-compatible stores (s3proxy, MinIO, Ceph) do not all know the newer trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (target.endpoint() != null) {
            builder.endpointOverride(target.endpoint());
        }
        S3Client client = builder.build();
        S3FilesAdapter adapter = new S3FilesAdapter(client, target.bucket(), target.partSize(), () -> {
            client.close();
            alsoClose.close();
        });
        try {
            adapter.ensureBucket();
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
        return adapter;
    }
}
