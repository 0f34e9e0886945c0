package dev.reparse.runtime.http;

import dev.reparse.runtime.files.FilesAdapter;
import dev.reparse.runtime.files.FilesSetup;
import dev.reparse.runtime.files.s3.EmbeddedS3;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The files routes over S3: s3proxy (filesystem backend) as a child process; a fresh bucket per test. */
class S3FilesHttpIntegrationTest extends FilesHttpContract {
    private static EmbeddedS3 s3;
    private static Path data;
    private static int buckets;
    private Path bucketDir;

    @BeforeAll
    static void startS3() throws Exception {
        // relative and with a "./" segment, as the launcher's default data dir is: s3proxy refused such paths once
        data = Path.of(".", "target", "reparse-s3-test-" + System.nanoTime());
        s3 = EmbeddedS3.start(EmbeddedS3.locateJar(Optional.empty()), data);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Override
    FilesAdapter adapter() {
        String bucket = "test-bucket-" + (++buckets);
        bucketDir = data.resolve("s3").resolve("blobs").resolve(bucket);
        return FilesSetup.connect(new FilesSetup.S3Target(URI.create(s3.endpoint()), "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())), true,
                bucket, 5 << 20), () -> {
                });
    }

    @Override
    long storedFiles() throws Exception {
        try (var files = Files.list(bucketDir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
