package dev.reparse.runtime.accounts;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Parse Server's {@code accountLockout}: after {@code threshold} failed logins in a row the account
 * refuses every login, right password or not, for {@code duration}.
 *
 * @param unlockOnPasswordReset a password reset through the emailed link clears the lockout
 */
public record LockoutPolicy(int threshold, Duration duration, boolean unlockOnPasswordReset) {
    private static final long MAX_MINUTES = 99_999;

    public LockoutPolicy {
        Objects.requireNonNull(duration, "duration");
        if (!duration.isPositive() || duration.toMinutes() > MAX_MINUTES) {
            throw new IllegalArgumentException(
                    "Account lockout duration should be greater than 0 and less than 100000");
        }
        if (threshold < 1 || threshold > 999) {
            throw new IllegalArgumentException(
                    "Account lockout threshold should be an integer greater than 0 and less than 1000");
        }
    }

    /** Whether an account with these stored values refuses logins now. */
    public boolean locked(long failedLoginCount, Instant lockoutExpiresAt, Instant now) {
        return failedLoginCount >= threshold && lockoutExpiresAt != null && lockoutExpiresAt.isAfter(now);
    }

    /** When a failure that brought the count to {@code failedLoginCount} locks the account, until when. */
    public Instant lockedUntil(Instant now) {
        return now.plus(duration);
    }

    /** Parse Server's 101, with the duration in minutes as Parse Server prints the configured number. */
    public ParseException lockedError() {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
                "Your account is locked due to multiple failed login attempts. Please try again after "
                        + minutes() + " minute(s)");
    }

    /** {@code 5}, {@code 0.5}: the minutes without a trailing {@code .0}, as JavaScript prints numbers. */
    String minutes() {
        BigDecimal minutes = BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(60_000), java.math.MathContext.DECIMAL64);
        return minutes.stripTrailingZeros().toPlainString();
    }
}
