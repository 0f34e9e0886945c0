package dev.reparse.controlplane;

import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Random identifiers and keys in parse.com's shape: 40 letters and digits (about 238 bits). */
@Singleton
public final class RandomKeys {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 40;
    private final SecureRandom random;

    RandomKeys(SecureRandom random) {
        this.random = random;
    }

    /** A new random key. */
    public String next() {
        StringBuilder key = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }
}
