package dev.reparse.runtime.files;

import java.util.Map;
import java.util.Objects;

/**
 * What an upload says about its file besides the bytes.
 *
 * @param contentType the resolved media type, never null
 * @param metadata user metadata stored with the file (S3 object metadata, GridFS {@code metadata})
 * @param tags user tags (S3 object tags; GridFS keeps none, as in Parse Server)
 */
public record FileUpload(String contentType, Map<String, String> metadata, Map<String, String> tags) {
    public FileUpload {
        Objects.requireNonNull(contentType, "contentType");
        metadata = Map.copyOf(metadata);
        tags = Map.copyOf(tags);
    }
}
