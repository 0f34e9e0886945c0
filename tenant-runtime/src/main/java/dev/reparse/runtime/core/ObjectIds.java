package dev.reparse.runtime.core;

import java.util.random.RandomGenerator;

/** Makes Parse's 10-character alphanumeric object ids from an injected source of randomness. */
public final class ObjectIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 10;

    private final RandomGenerator random;

    public ObjectIds(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
