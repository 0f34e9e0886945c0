package dev.reparse.controlplane.apps;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A version of an app's Cloud Code as the API answers it.
 *
 * @param generation the app generation the upload became: once the app's {@code status.observedGeneration} reaches
 *     it, the code is in place and the runtime loads it within seconds
 */
@Schema(name = "CloudCode", description = "A version of an app's Cloud Code.")
public record CloudCodeView(String applicationId, long version,
        @Schema(enumeration = {"javascript", "zip"}) String format, String sha256,
        @Schema(description = "bytes as uploaded") long size,
        @Schema(description = "files once unpacked") int files,
        @Schema(description = "bytes once unpacked") long unpackedSize,
        @Schema(description = "the entry file: main.js or cloud/main.js") String main,
        long generation, String uploadedBy, Instant uploadedAt) {

    static CloudCodeView of(CloudCodeVersion version) {
        return new CloudCodeView(version.applicationId, version.version, version.format, version.sha256, version.size,
            version.files, version.unpackedSize, version.main, version.appGeneration, version.uploadedByEmail,
            version.uploadedAt);
    }
}
