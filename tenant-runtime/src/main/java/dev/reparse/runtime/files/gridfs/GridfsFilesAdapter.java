package dev.reparse.runtime.files.gridfs;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
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
import org.bson.Document;
import org.bson.BsonValue;

/**
 * Files in the app's own MongoDB database, in GridFS bucket {@code fs} as Parse Server's
 * GridFSBucketAdapter keeps them (user metadata in the files document's {@code metadata}), so an
 * attached Parse Server database keeps serving its files. GridFS stores no content type or tags;
 * the type comes from the name's extension, as in Parse Server. Downloads use the driver's
 * stream (chunks sorted by {@code n}); mongo-java-server, the embedded store, answers that query
 * by loading every chunk, so it cannot serve files near the heap size: use S3 or a real MongoDB.
 */
public final class GridfsFilesAdapter implements FilesAdapter {
    /** 16 chunks of GridFS's default 255 KiB: about 4 MB a reply. */
    private static final int CHUNKS_PER_BATCH = 16;

    /** Parse Server's bucket name (the driver's default). */
    public static final String BUCKET = "fs";

    private final GridFSBucket bucket;

    public GridfsFilesAdapter(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, BUCKET);
    }

    @Override
    public void create(String name, InputStream data, FileUpload upload, long contentLength) throws IOException {
        GridFSUploadOptions options = new GridFSUploadOptions().metadata(new Document(new LinkedHashMap<>(upload.metadata())));
        // the driver aborts the upload (removing written chunks) when the stream throws
        bucket.uploadFromStream(name, data, options);
    }

    @Override
    public Optional<StoredFile> find(String name) {
        GridFSFile file = bucket.find(Filters.eq("filename", name)).sort(Sorts.descending("uploadDate")).first();
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(name, file.getLength(), Optional.empty(), metadata(file.getMetadata()),
                Map.of(), file.getId()));
    }

    @Override
    public InputStream open(StoredFile file, long offset, long length) throws IOException {
        // a bounded batch keeps every reply small: without one, mongo-java-server answers with all chunks at once,
        // past the driver's 48 MB message limit (a real MongoDB caps batches at 16 MB itself)
        GridFSDownloadStream stream = bucket.openDownloadStream((BsonValue) file.locator()).batchSize(CHUNKS_PER_BATCH);
        if (offset > 0) {
            long skipped = stream.skip(offset);
            if (skipped != offset) {
                stream.close();
                throw new IOException("could not seek to byte " + offset + " of " + file.name());
            }
        }
        return new BoundedInputStream(stream, length);
    }

    @Override
    public boolean delete(String name) {
        List<BsonValue> ids = new ArrayList<>();
        bucket.find(Filters.eq("filename", name)).forEach(file -> ids.add(file.getId()));
        ids.forEach(bucket::delete);
        return !ids.isEmpty();
    }

    private static Map<String, String> metadata(Document metadata) {
        Map<String, String> values = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((key, value) -> values.put(key, String.valueOf(value)));
        }
        return values;
    }

    /** At most {@code remaining} bytes of the underlying stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
