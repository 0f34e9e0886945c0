package dev.reparse.runtime.files;

import java.util.Map;
import java.util.Optional;

/**
 * A file as its adapter found it.
 *
 * @param contentType the stored media type, when the adapter keeps one (GridFS does not)
 * @param locator the adapter's own handle on this version of the file (a GridFS id), or null
 */
public record StoredFile(String name, long length, Optional<String> contentType, Map<String, String> metadata,
        Map<String, String> tags, Object locator) {
    public StoredFile {
        metadata = Map.copyOf(metadata);
        tags = Map.copyOf(tags);
    }
}
