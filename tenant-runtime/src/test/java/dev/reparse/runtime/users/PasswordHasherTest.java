package dev.reparse.runtime.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void verifiesHashesParseServerWrote() {
        // from Parse Server's spec/ParseUser.spec.js: hosted parse.com's format ($2a$) and bcryptjs 2.x's ($2b$)
        assertTrue(hasher.matches("test", "$2a$10$8/wZJyEuiEaobBBqzTG.jeY.XSFJd0rzaN//ososvEI4yLqI.4aie"));
        assertTrue(hasher.matches("password", "$2b$10$mJ2ca2UbCM9hlojYHZxkQe8pyEXe5YMg0nMdvP4AJBeqlTEZJ6/Uu"));
        assertFalse(hasher.matches("Password", "$2b$10$mJ2ca2UbCM9hlojYHZxkQe8pyEXe5YMg0nMdvP4AJBeqlTEZJ6/Uu"));
    }

    @Test
    void writesCostTenHashesInTheFormatBcryptjsReads() {
        String hash = hasher.hash("s3cret é");
        assertTrue(hash.matches("^\\$2a\\$10\\$[./A-Za-z0-9]{53}$"), hash);
        assertTrue(hasher.matches("s3cret é", hash));
        assertFalse(hasher.matches("s3cret e", hash));
        assertNotEquals(hash, hasher.hash("s3cret é"));
    }

    @Test
    void verifiesTwoYHashes() {
        String twoY = "$2y" + hasher.hash("pw").substring(3);
        assertTrue(hasher.matches("pw", twoY));
    }

    @Test
    void everyByteOfALongPasswordCounts() {
        // bcrypt reads 72 bytes; Parse Server (bcryptjs) lets "a"x72 + anything log in here (safer than Parse Server)
        String longPassword = "a".repeat(80);
        String hash = hasher.hash(longPassword);
        assertTrue(hasher.matches(longPassword, hash));
        assertFalse(hasher.matches("a".repeat(72) + "zzz", hash));
        assertFalse(hasher.matches("a".repeat(72), hash));
        assertFalse(hasher.matches("a".repeat(79), hash));
        String tenKb = "x".repeat(10_000);
        assertFalse(hasher.matches(tenKb.substring(0, 9_999) + "y", hasher.hash(tenKb)));
    }

    @Test
    void passwordsUpToSeventyTwoBytesHashAsParseServerDoes() {
        // bcrypt itself (no pre-hash) up to 72 UTF-8 bytes, so Parse Server's hashes of them verify, and back
        assertTrue(hasher.matches("test", "$2a$10$8/wZJyEuiEaobBBqzTG.jeY.XSFJd0rzaN//ososvEI4yLqI.4aie"));
        String seventyTwo = "é".repeat(36);
        assertEquals(72, PasswordHasher.bcryptInput(seventyTwo).length);
        assertArrayEquals(seventyTwo.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                PasswordHasher.bcryptInput(seventyTwo));
        assertTrue(hasher.matches(seventyTwo, hasher.hash(seventyTwo)));
        assertFalse(hasher.matches("é".repeat(35) + "e", hasher.hash(seventyTwo)));
        assertTrue(new String(PasswordHasher.bcryptInput(seventyTwo + "x"), java.nio.charset.StandardCharsets.US_ASCII)
                .startsWith("sha256:"));
    }

    @Test
    void refusesMalformedOrMissingHashesWithoutError() {
        assertFalse(hasher.matches("pw", null));
        assertFalse(hasher.matches("pw", "plain"));
        assertFalse(hasher.matches("pw", "$2x$10$abc"));
        assertFalse(hasher.matches("pw", "$2a$10$short"));
    }
}
