package dev.reparse.provisioning.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of an app's external resources, derived from its application ID alone so every
 * reconciliation, on any replica, arrives at the same names.
 */
final class ResourceNames {
    static final String DATABASE_PREFIX = "app_";
    static final String BUCKET_PREFIX = "reparse-app-";
    /** MongoDB allows 63 bytes (64 before 5.0 minus the terminator); keep a margin for the hash suffix. */
    private static final int DATABASE_MAX = 63;
    private static final int BUCKET_MAX = 63;
    private static final Pattern DATABASE_SAFE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern BUCKET_SAFE = Pattern.compile("[a-z0-9-]+");

    private ResourceNames() {
    }

    /**
     * {@code app_<id>}; an ID with characters MongoDB refuses, or too long, is cleaned and suffixed
     * with a hash of the exact ID, so two IDs never share a database.
     */
    static String database(String applicationId) {
        String candidate = DATABASE_PREFIX + applicationId;
        if (DATABASE_SAFE.matcher(applicationId).matches() && candidate.length() <= DATABASE_MAX) {
            return candidate;
        }
        String cleaned = applicationId.replaceAll("[^A-Za-z0-9_-]", "_");
        return truncated(DATABASE_PREFIX + cleaned, DATABASE_MAX - 9) + "_" + hash(applicationId);
    }

    /**
     * {@code reparse-app-<id>}; S3 names are lower case, so an ID with upper-case letters (or
     * characters S3 refuses) gets a hash suffix of the exact ID: {@code MyApp} and {@code myapp}
     * are two apps and must not share a bucket.
     */
    static String bucket(String applicationId) {
        String candidate = BUCKET_PREFIX + applicationId;
        if (BUCKET_SAFE.matcher(applicationId).matches() && candidate.length() <= BUCKET_MAX
                && !applicationId.endsWith("-")) {
            return candidate;
        }
        String cleaned = applicationId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-")
                .replaceAll("-+", "-");
        String base = truncated(BUCKET_PREFIX + cleaned, BUCKET_MAX - 9);
        base = base.endsWith("-") ? base.substring(0, base.length() - 1) : base;
        return base + "-" + hash(applicationId);
    }

    private static String truncated(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Eight hex digits of SHA-256: enough to tell apart IDs that clean to the same name. */
    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
