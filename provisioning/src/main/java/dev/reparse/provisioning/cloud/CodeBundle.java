package dev.reparse.provisioning.cloud;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** An app's uploaded Cloud Code as it was sent: one {@code main.js}, or a zip of a code folder. */
public record CodeBundle(Format format, byte[] content) {
    public CodeBundle {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
    }

    /** What the upload is. */
    public enum Format {
        /** The text of {@code main.js}. */
        JAVASCRIPT,
        /** A zip holding {@code main.js} or {@code cloud/main.js}, and optionally lib files and {@code node_modules}. */
        ZIP
    }

    /** The lower-case hex SHA-256 of the content. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Leaves the content out. */
    @Override
    public String toString() {
        return "CodeBundle[" + format + ", " + content.length + " bytes]";
    }
}
