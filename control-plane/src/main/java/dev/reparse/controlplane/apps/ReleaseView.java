package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A release of an app's Cloud Code (one uploaded version) as the releases API answers it.
 *
 * @param generation the app generation the upload became (activating an older release bumps the app's generation
 *     again; watch {@code status.observedGeneration} of the app for that)
 * @param entries the files it holds, only when one release is asked for
 */
@Schema(name = "Release", description = "A release (uploaded version) of an app's Cloud Code.")
public record ReleaseView(String applicationId, long version,
        @Schema(enumeration = {"javascript", "zip"}) String format, String sha256,
        @Schema(description = "bytes as uploaded") long size,
        @Schema(description = "files once unpacked") int files,
        @Schema(description = "bytes once unpacked") long unpackedSize,
        @Schema(description = "the entry file: main.js or cloud/main.js") String main,
        long generation, String uploadedBy, Instant uploadedAt,
        @Schema(description = "what the uploader said of it; null when nothing", nullable = true) String message,
        @Schema(description = "whether it is the app's current code") boolean active,
        @Schema(description = "its files with their sizes; only in GET .../releases/{version}")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Entry> entries) {

    /** One file of a release. */
    @Schema(name = "ReleaseFile")
    public record Entry(String path, long size) {
    }

    static ReleaseView of(CloudCodeVersion version, Long activeVersion, List<Entry> entries) {
        return new ReleaseView(version.applicationId, version.version, version.format, version.sha256, version.size,
            version.files, version.unpackedSize, version.main, version.appGeneration, version.uploadedByEmail,
            version.uploadedAt, version.message, activeVersion != null && activeVersion == version.version, entries);
    }
}
