package dev.reparse.runtime.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * Hashes and checks passwords the way Parse Server's {@code _hashed_password} holds them: bcrypt,
 * cost 10, {@code $2a$} as bcryptjs writes them; {@code $2b$} and {@code $2y$} hashes verify too.
 * Passwords longer than 72 UTF-8 bytes are cut there, as bcryptjs does.
 */
public final class PasswordHasher {
    private static final int COST = 10;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.truncate(VERSION));

    /** A new salted hash of the password. */
    public String hash(String password) {
        return new String(hasher.hash(COST, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
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
            return BCrypt.verifyer(version, LongPasswordStrategies.truncate(version))
                    .verify(password.getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8))
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
