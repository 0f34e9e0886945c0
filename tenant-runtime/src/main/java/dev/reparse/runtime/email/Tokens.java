package dev.reparse.runtime.email;

import java.util.random.RandomGenerator;

/** The secrets in emailed links: 25 random letters and digits, as Parse Server's {@code randomString(25)}. */
final class Tokens {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 25;

    private final RandomGenerator random;

    /** {@code random} must be a secure generator outside tests: whoever guesses a token owns the account. */
    Tokens(RandomGenerator random) {
        this.random = random;
    }

    String next() {
        StringBuilder token = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
