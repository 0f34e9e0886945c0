package dev.reparse.runtime.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where an app's file bytes live (S3, GridFS). Implementations stream both ways: an upload is
 * read from its stream as it arrives and a download is handed out as a stream, so no file ever
 * sits whole in memory. Names reaching an adapter are already validated.
 */
public interface FilesAdapter extends AutoCloseable {

    /**
     * Stores the bytes of {@code data} under {@code name}; a failure leaves nothing stored.
     *
     * @param contentLength the declared length, or -1 when the client did not say
     */
    void create(String name, InputStream data, FileUpload upload, long contentLength) throws IOException;

    /** The stored file of that name, if there is one. */
    Optional<StoredFile> find(String name);

    /** Like {@link #find}, with everything the adapter keeps about the file (S3 fetches its tags). */
    default Optional<StoredFile> describe(String name) {
        return find(name);
    }

    /** The bytes {@code offset .. offset+length-1} of a file {@link #find found} before. */
    InputStream open(StoredFile file, long offset, long length) throws IOException;

    /** Removes the file; {@code false} when there was none. */
    boolean delete(String name);

    @Override
    default void close() {
    }
}
