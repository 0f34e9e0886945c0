package dev.reparse.runtime.files.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Default bucket names: {@code reparse-<app id>} made into a valid S3 bucket name. */
public final class BucketNames {
    private static final int MAX_LENGTH = 63;

    private BucketNames() {
    }

    /**
     * Lower-cased, other characters as dashes; an app ID that had to change or is too long gets
     * a short hash of the original, so two apps never share a bucket.
     */
    public static String forApp(String appId) {
        String cleaned = appId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
        String name = "reparse-" + cleaned;
        boolean changed = !cleaned.equals(appId);
        if (changed || name.length() > MAX_LENGTH || cleaned.isEmpty()) {
            String hash = shortHash(appId);
            int room = MAX_LENGTH - hash.length() - 1;
            name = (name.length() > room ? name.substring(0, room) : name).replaceAll("-$", "") + "-" + hash;
        }
        return name;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
