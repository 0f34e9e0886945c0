package dev.reparse.runtime.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void lockedOnlyAtTheThresholdAndBeforeTheExpiry() {
        LockoutPolicy policy = new LockoutPolicy(3, Duration.ofMinutes(5), false);
        assertTrue(policy.locked(3, NOW.plusSeconds(1), NOW));
        assertFalse(policy.locked(2, NOW.plusSeconds(60), NOW));
        assertFalse(policy.locked(3, NOW.minusSeconds(1), NOW));
        assertFalse(policy.locked(5, null, NOW));
        assertEquals(NOW.plus(Duration.ofMinutes(5)), policy.lockedUntil(NOW));
    }

    @Test
    void theMessageNamesTheDurationInMinutesAsParseServerPrintsIt() {
        assertEquals("Your account is locked due to multiple failed login attempts. Please try again after 5 minute(s)",
                new LockoutPolicy(3, Duration.ofMinutes(5), false).lockedError().getMessage());
        assertEquals(101, new LockoutPolicy(3, Duration.ofMinutes(5), false).lockedError().code());
        assertEquals("0.5", new LockoutPolicy(3, Duration.ofSeconds(30), false).minutes());
    }

    @Test
    void refusesThresholdsAndDurationsParseServerRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new LockoutPolicy(0, Duration.ofMinutes(5), false));
        assertThrows(IllegalArgumentException.class, () -> new LockoutPolicy(1000, Duration.ofMinutes(5), false));
        assertThrows(IllegalArgumentException.class, () -> new LockoutPolicy(3, Duration.ZERO, false));
        assertThrows(IllegalArgumentException.class, () -> new LockoutPolicy(3, Duration.ofMinutes(100_000), false));
    }
}
