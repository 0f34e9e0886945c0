package dev.reparse.runtime.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * Hashes and checks passwords the way Parse Server's {@code _hashed_password} holds them: bcrypt,
 * cost 10, {@code $2a$} as bcryptjs writes them; {@code $2b$} and {@code $2y$} hashes verify too.
 *
 * <p>bcrypt reads only the first 72 bytes of its input, so with Parse Server any string sharing the
 * first 72 UTF-8 bytes of a longer password logs in with it. Here a password longer than 72 bytes is
 * first reduced to {@code "sha256:" + base64(SHA-256(password))} (51 bytes), so every byte of it
 * counts. Passwords of 72 bytes or fewer are hashed as they are, so hashes Parse Server wrote for
 * them verify unchanged, and Parse Server verifies Reparse's. A password over 72 bytes set through
 * Parse Server (stored cut) no longer verifies and must be reset; one set through Reparse does not
 * verify on Parse Server.
 */
public final class PasswordHasher {
    private static final int COST = 10;
    private static final int BCRYPT_MAX_BYTES = 72;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.strict(VERSION));

    /** A new salted hash of the password. */
    public String hash(String password) {
        return new String(hasher.hash(COST, bcryptInput(password)), StandardCharsets.UTF_8);
    }

    /** What bcrypt is given: the password's bytes, or, past 72 bytes, a digest of all of them. */
    static byte[] bcryptInput(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_MAX_BYTES) {
            return bytes;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return ("sha256:" + java.util.Base64.getEncoder().encodeToString(digest)).getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether the password matches the stored hash; false, never an error, for a missing or malformed hash. */
    public boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null || !storedHash.startsWith("$2")) {
            return false;
        }
        BCrypt.Version version = versionOf(storedHash);
        if (version == null) {
            return false;
        }
        try {
            return BCrypt.verifyer(version, LongPasswordStrategies.strict(version))
                    .verify(bcryptInput(password), storedHash.getBytes(StandardCharsets.UTF_8))
                    .verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static BCrypt.Version versionOf(String hash) {
        if (hash.length() < 4 || hash.charAt(3) != '$') {
            return null;
        }
        return switch (hash.charAt(2)) {
            case 'a' -> BCrypt.Version.VERSION_2A;
            case 'b' -> BCrypt.Version.VERSION_2B;
            case 'y' -> BCrypt.Version.VERSION_2Y;
            default -> null;
        };
    }
}
