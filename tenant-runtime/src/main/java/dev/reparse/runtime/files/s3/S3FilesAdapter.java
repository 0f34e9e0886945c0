package dev.reparse.runtime.files.s3;

import dev.reparse.runtime.files.FileUpload;
import dev.reparse.runtime.files.FilesAdapter;
import dev.reparse.runtime.files.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * Files as objects of the app's own bucket, keyed by file name. An upload is read one part at a
 * time (the part size bounds its memory): a file that fits one part is a single PUT, a larger
 * one a multipart upload, aborted on any failure so nothing is left behind.
 */
public final class S3FilesAdapter implements FilesAdapter {
    /** S3's smallest part (except the last). */
    public static final int MIN_PART_SIZE = 5 << 20;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final AutoCloseable onClose;

    /** @param onClose closed with the adapter: the client, and the embedded server when there is one */
    public S3FilesAdapter(S3Client s3, String bucket, int partSize, AutoCloseable onClose) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("the S3 part size must be at least 5 MB, got " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.onClose = onClose;
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(request -> request.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(request -> request.bucket(bucket));
        }
    }

    @Override
    public void create(String name, InputStream data, FileUpload upload, long contentLength) throws IOException {
        byte[] part = new byte[partSize];
        int first = data.readNBytes(part, 0, partSize);
        if (first < partSize) {
            s3.putObject(request -> {
                request.bucket(bucket).key(name).contentType(upload.contentType()).metadata(upload.metadata());
                if (!upload.tags().isEmpty()) {
                    request.tagging(tagging(upload.tags()));
                }
            },
                    RequestBody.fromInputStream(new java.io.ByteArrayInputStream(part, 0, first), first));
            return;
        }
        String uploadId = s3.createMultipartUpload(request -> {
            request.bucket(bucket).key(name).contentType(upload.contentType()).metadata(upload.metadata());
            if (!upload.tags().isEmpty()) {
                request.tagging(tagging(upload.tags()));
            }
        }).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int length = first;
            while (length > 0) {
                int number = parts.size() + 1;
                int size = length;
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(name).uploadId(uploadId)
                        .partNumber(number).contentLength((long) size),
                        RequestBody.fromInputStream(new java.io.ByteArrayInputStream(part, 0, size), size)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                length = data.readNBytes(part, 0, partSize);
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(name).uploadId(uploadId)
                    .multipartUpload(multipart -> multipart.parts(parts)));
        } catch (IOException | RuntimeException e) {
            abort(name, uploadId, e);
            throw e;
        }
    }

    private void abort(String name, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(name).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public Optional<StoredFile> find(String name) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(request -> request.bucket(bucket).key(name));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new StoredFile(name, head.contentLength(), Optional.ofNullable(head.contentType()),
                head.metadata(), Map.of(), head.eTag()));
    }

    @Override
    public Optional<StoredFile> describe(String name) {
        return find(name).map(file -> new StoredFile(name, file.length(), file.contentType(), file.metadata(),
                tags(name), file.locator()));
    }

    private Map<String, String> tags(String name) {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            s3.getObjectTagging(request -> request.bucket(bucket).key(name)).tagSet()
                    .forEach(tag -> tags.put(tag.key(), tag.value()));
            return tags;
        } catch (S3Exception e) {
            // some S3-compatible stores keep no tags
            return Map.of();
        }
    }

    @Override
    public InputStream open(StoredFile file, long offset, long length) {
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        return s3.getObject(request -> request.bucket(bucket).key(file.name()).range(range));
    }

    @Override
    public boolean delete(String name) {
        if (find(name).isEmpty()) {
            return false;
        }
        s3.deleteObject(request -> request.bucket(bucket).key(name));
        return true;
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the S3 client", e);
        }
    }

    private static Tagging tagging(Map<String, String> tags) {
        return Tagging.builder().tagSet(tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()).build();
    }
}
