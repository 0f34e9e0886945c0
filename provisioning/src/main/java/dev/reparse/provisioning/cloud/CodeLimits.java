package dev.reparse.provisioning.cloud;

/**
 * How big an app's code may be.
 *
 * @param maxUploadBytes the upload as sent (a zip's compressed size)
 * @param maxUnpackedBytes the sum of the unpacked files' sizes
 * @param maxFiles the number of files (folders not counted)
 */
public record CodeLimits(long maxUploadBytes, long maxUnpackedBytes, int maxFiles) {
    public CodeLimits {
        if (maxUploadBytes < 1 || maxUnpackedBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("code limits must be positive: " + maxUploadBytes + ", " + maxUnpackedBytes
                    + ", " + maxFiles);
        }
    }

    /** 10 MB upload, 100 MB unpacked, 5000 files. */
    public static CodeLimits defaults() {
        return new CodeLimits(10L * 1024 * 1024, 100L * 1024 * 1024, 5000);
    }
}
