package dev.reparse.runtime.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/** Parse Server's {@code _hashed_password}: bcrypt, cost 10, {@code $2a$}, long passwords cut at 72 bytes as bcryptjs does. */
public final class BcryptHashes implements PasswordHashes {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.truncate(VERSION));

    @Override
    public String hash(String password) {
        return new String(hasher.hash(10, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Override
    public boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$2")) {
            return false;
        }
        try {
            return BCrypt.verifyer(VERSION, LongPasswordStrategies.truncate(VERSION))
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
