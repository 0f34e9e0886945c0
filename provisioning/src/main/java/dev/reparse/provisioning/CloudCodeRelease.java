package dev.reparse.provisioning;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Cloud Code an app should run: a version of its uploaded code, named by the app's version number and the
 * SHA-256 of the upload, so provisioning can tell a new release from the one already deployed and check the bytes
 * it fetches.
 */
public record CloudCodeRelease(long version, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public CloudCodeRelease {
        Objects.requireNonNull(sha256, "sha256");
        if (version < 1) {
            throw new IllegalArgumentException("Cloud Code versions start at 1, got " + version);
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
    }
}
