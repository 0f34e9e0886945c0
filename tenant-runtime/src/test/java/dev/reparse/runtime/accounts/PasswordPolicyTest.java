package dev.reparse.runtime.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    /** Hashes that are the password itself reversed: enough to test which hashes are compared. */
    private static final PasswordHashes REVERSED = new PasswordHashes() {
        @Override
        public String hash(String password) {
            return new StringBuilder(password).reverse().toString();
        }

        @Override
        public boolean matches(String password, String hash) {
            return hash(password).equals(hash);
        }
    };

    private static PasswordPolicy policy(String pattern, String error, boolean noUsername, int history) {
        return new PasswordPolicy(Optional.ofNullable(pattern).map(Pattern::compile), Optional.ofNullable(error),
                noUsername, Optional.empty(), history, Optional.empty(), false);
    }

    @Test
    void aPasswordMissingThePatternIsRefusedWith142AndParseServersMessage() {
        ParseException e = assertThrows(ParseException.class,
                () -> policy("[0-9]", null, false, 0).checkRequirements("letters", "sean"));
        assertEquals(142, e.code());
        assertEquals("Password does not meet the Password Policy requirements.", e.getMessage());
        assertDoesNotThrow(() -> policy("[0-9]", null, false, 0).checkRequirements("letters1", "sean"));
    }

    @Test
    void aPasswordLongerThanTheMaximumIsRefusedWith142EvenWithoutOtherRules() {
        // Parse Server takes passwords of any length (a 1 MB one was accepted); safer than Parse Server
        ParseException e = assertThrows(ParseException.class,
                () -> PasswordPolicy.none().checkRequirements("p".repeat(257), "sean"));
        assertEquals(142, e.code());
        assertEquals("Password must be at most 256 characters long.", e.getMessage());
        assertDoesNotThrow(() -> PasswordPolicy.none().checkRequirements("p".repeat(256), "sean"));
        PasswordPolicy short8 = new PasswordPolicy(Optional.empty(), Optional.empty(), false, Optional.empty(), 0,
                Optional.empty(), false, 8);
        assertThrows(ParseException.class, () -> short8.checkRequirements("123456789", "sean"));
    }

    @Test
    void theAppsOwnMessageReplacesTheDefault() {
        ParseException e = assertThrows(ParseException.class,
                () -> policy("^.{8,}$", "At least 8 characters.", false, 0).checkRequirements("short", "sean"));
        assertEquals("At least 8 characters.", e.getMessage());
    }

    @Test
    void aPasswordContainingTheUsernameIsRefusedWhenTheAppSaysSo() {
        ParseException e = assertThrows(ParseException.class,
                () -> policy(null, null, true, 0).checkRequirements("xxseanxx", "sean"));
        assertEquals(142, e.code());
        assertEquals("Password cannot contain your username.", e.getMessage());
        assertDoesNotThrow(() -> policy(null, null, false, 0).checkRequirements("xxseanxx", "sean"));
    }

    @Test
    void historyRefusesTheCurrentAndTheRememberedPasswords() {
        PasswordPolicy policy = policy(null, null, false, 3);
        List<String> history = List.of(REVERSED.hash("old1"), REVERSED.hash("old2"), REVERSED.hash("ancient"));
        Optional<String> current = Optional.of(REVERSED.hash("current"));
        ParseException e = assertThrows(ParseException.class,
                () -> policy.checkNotReused("current", current, history, REVERSED));
        assertEquals("New password should not be the same as last 3 passwords.", e.getMessage());
        assertThrows(ParseException.class, () -> policy.checkNotReused("old2", current, history, REVERSED));
        // only n - 1 remembered ones count, with the current one that makes the last n
        assertDoesNotThrow(() -> policy.checkNotReused("ancient", current, history, REVERSED));
        assertDoesNotThrow(() -> policy(null, null, false, 0).checkNotReused("current", current, history, REVERSED));
    }

    @Test
    void historyKeepsNMinusOnePreviousHashesAsParseServerDoes() {
        PasswordPolicy policy = policy(null, null, false, 3);
        assertEquals(List.of("h1"), policy.historyAfterChange(Optional.of("h1"), List.of()));
        assertEquals(List.of("h1", "h2"), policy.historyAfterChange(Optional.of("h2"), List.of("h1")));
        assertEquals(List.of("h2", "h3"), policy.historyAfterChange(Optional.of("h3"), List.of("h1", "h2")));
        assertEquals(List.of("h1"), policy(null, null, false, 1).historyAfterChange(Optional.of("h1"), List.of("h0")));
    }

    @Test
    void aPasswordExpiresAfterTheMaximumAge() {
        PasswordPolicy policy = new PasswordPolicy(Optional.empty(), Optional.empty(), false,
                Optional.of(Duration.ofDays(90)), 0, Optional.empty(), false);
        Instant changed = Instant.parse("2024-01-01T00:00:00Z");
        assertFalse(policy.expired(changed, changed.plus(Duration.ofDays(89))));
        assertTrue(policy.expired(changed, changed.plus(Duration.ofDays(91))));
        assertFalse(PasswordPolicy.none().expired(changed, changed.plus(Duration.ofDays(10_000))));
        assertEquals("Your password has expired. Please reset your password.",
                PasswordPolicy.expiredError().getMessage());
        assertEquals(101, PasswordPolicy.expiredError().code());
    }

    @Test
    void refusesSettingsParseServerRefuses() {
        assertThrows(IllegalArgumentException.class, () -> policy(null, null, false, 21));
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(Optional.empty(), Optional.empty(),
                false, Optional.empty(), 0, Optional.empty(), true));
    }
}
