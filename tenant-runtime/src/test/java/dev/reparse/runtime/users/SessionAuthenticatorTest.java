package dev.reparse.runtime.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionAuthenticatorTest {
    @Test
    void slidingExpiryWritesAtMostDailyForLongSessionsAndEveryTenthForShortOnes() {
        assertEquals(Duration.ofDays(1), SessionAuthenticator.extensionStep(Duration.ofDays(365)));
        assertEquals(Duration.ofMinutes(6), SessionAuthenticator.extensionStep(Duration.ofHours(1)));
    }
}
