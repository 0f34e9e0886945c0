package dev.reparse.runtime.files;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * One app's files, free of HTTP: upload (policy, name, type, size, then the adapter), look-up for
 * download, metadata and delete. The HTTP edge only moves bytes and headers.
 */
public final class FilesService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FilesService.class);

    private final FilesAdapter adapter;
    private final UploadPolicy policy;
    private final boolean preserveFileName;
    private final RandomGenerator random;

    public FilesService(FilesAdapter adapter, UploadPolicy policy, boolean preserveFileName, RandomGenerator random) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.preserveFileName = preserveFileName;
        this.random = Objects.requireNonNull(random, "random");
    }

    public UploadPolicy policy() {
        return policy;
    }

    /**
     * Checks everything that can be checked before a byte is read: caller, name, type, declared
     * length. Returns the name and type the file will be stored with.
     *
     * @param contentType the declared type, or null
     * @param contentLength the declared length, or -1
     */
    public PreparedUpload prepare(UploadPolicy.Uploader uploader, String name, String contentType,
            long contentLength) {
        policy.checkUploader(uploader);
        FileNames.requireValidUpload(name);
        if (contentLength == 0) {
            throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid file upload.");
        }
        policy.checkDeclaredLength(contentLength);
        String declared = contentType == null || contentType.isBlank() ? null : contentType.strip();
        String finalName = name;
        if (FileNames.extension(name).isEmpty() && declared != null) {
            // as Parse Server: a name without an extension gets the declared type's, so downloads know their type
            finalName = ContentTypes.extensionFor(declared).map(extension -> name + "." + extension).orElse(name);
        }
        String type = declared != null ? declared
                : ContentTypes.forName(finalName).orElse(ContentTypes.OCTET_STREAM);
        policy.checkType(finalName, type);
        String stored = preserveFileName ? finalName : FileNames.unique(finalName, random);
        return new PreparedUpload(stored, type, contentLength);
    }

    /** An upload that passed every up-front check. */
    public record PreparedUpload(String name, String contentType, long contentLength) {
    }

    /**
     * Streams the bytes into the adapter, counting them against the cap; returns the stored name.
     * On any failure nothing is left stored.
     */
    public String store(PreparedUpload upload, InputStream data, Map<String, String> metadata,
            Map<String, String> tags) {
        CountingInputStream counted = new CountingInputStream(data, policy.maxUploadBytes());
        try {
            adapter.create(upload.name(), counted, new FileUpload(upload.contentType(), metadata, tags),
                    upload.contentLength());
        } catch (IOException | RuntimeException e) {
            throw uploadFailure(upload, counted, e);
        }
        if (counted.count() == 0) {
            adapter.delete(upload.name());
            throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid file upload.");
        }
        return upload.name();
    }

    private ParseException uploadFailure(PreparedUpload upload, CountingInputStream counted, Exception e) {
        if (causedBy(e, SizeLimitExceededException.class)) {
            return policy.tooLarge();
        }
        if (e instanceof ParseException parse) {
            return parse;
        }
        if (causedBy(e, ClientAbortException.class)) {
            return new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "The upload was interrupted.");
        }
        LOG.errorf(e, "could not store file %s after %d bytes", upload.name(), counted.count());
        return new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Could not store file: " + upload.name() + ".");
    }

    /** The file to serve for a name from a URL; empty for unknown or impossible names. */
    public Optional<StoredFile> find(String name) {
        if (!FileNames.isStorable(name)) {
            return Optional.empty();
        }
        return adapter.find(name);
    }

    /** The bytes of a range of a found file. */
    public InputStream open(StoredFile file, ByteRange range) {
        try {
            return adapter.open(file, range.start(), range.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type to serve a file with: the stored one, else its extension's, else octet-stream. */
    public static String servedType(StoredFile file) {
        return file.contentType().filter(type -> !type.isBlank())
                .orElseGet(() -> ContentTypes.forName(file.name()).orElse(ContentTypes.OCTET_STREAM));
    }

    /** {@code {metadata, tags}} of a file; {@code {}} when there is none (Parse Server's answer). */
    public Map<String, Object> metadata(String name) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Optional<StoredFile> found = FileNames.isStorable(name) ? adapter.describe(name) : Optional.empty();
        found.ifPresent(file -> {
            answer.put("metadata", file.metadata());
            if (!file.tags().isEmpty()) {
                answer.put("tags", file.tags());
            }
        });
        return answer;
    }

    /** Deletes a file; 122 for an impossible name, 153 when there is none. */
    public void delete(String name) {
        if (!FileNames.isStorable(name)) {
            throw FileNames.invalid("Filename contains invalid characters.");
        }
        if (!adapter.delete(name)) {
            throw new ParseException(ParseErrorCode.FILE_DELETE_ERROR, "Could not delete file.");
        }
    }

    /** Whether a served type is one a browser would run; such files are sent as attachments. */
    public boolean isActiveDocument(String contentType) {
        return policy.isActiveDocumentType(contentType);
    }

    @Override
    public void close() {
        adapter.close();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
