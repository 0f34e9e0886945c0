package dev.reparse.runtime.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** An app's account lockout and password policy ({@code reparse.accounts.*}); Parse Server's names in parentheses. */
@ConfigMapping(prefix = "reparse.accounts")
public interface AccountsConfig {
    /** Failed logins in a row that lock an account ({@code accountLockout.threshold}, 1-999); unset: no lockout. */
    OptionalInt lockoutThreshold();

    /** How long a lockout lasts, e.g. {@code 5m} ({@code accountLockout.duration}, minutes there). */
    @WithDefault("5m")
    Duration lockoutDuration();

    /** A reset through the emailed link ends a lockout ({@code accountLockout.unlockOnPasswordReset}). */
    @WithDefault("false")
    boolean unlockOnPasswordReset();

    /** A regular expression passwords must contain a match of ({@code passwordPolicy.validatorPattern}). */
    Optional<String> passwordPattern();

    /** The message for a password the pattern refuses ({@code passwordPolicy.validationError}). */
    Optional<String> passwordPatternError();

    /** The longest password accepted, in characters (Parse Server has no bound). */
    @WithDefault("256")
    int maxPasswordLength();

    /** Passwords may not contain the username ({@code passwordPolicy.doNotAllowUsername}). */
    @WithDefault("false")
    boolean passwordNotContainingUsername();

    /** After this long a password must be reset, e.g. {@code 90d} ({@code passwordPolicy.maxPasswordAge}, days there). */
    Optional<Duration> maxPasswordAge();

    /** A new password may not be any of the last n (0-20; {@code passwordPolicy.maxPasswordHistory}). */
    @WithDefault("0")
    int maxPasswordHistory();

    /** How long a reset link works, e.g. {@code 1h} ({@code passwordPolicy.resetTokenValidityDuration}); unset: until used. */
    Optional<Duration> resetTokenValidity();

    /** A second reset request mails the still-valid link again ({@code passwordPolicy.resetTokenReuseIfValid}). */
    @WithDefault("false")
    boolean resetTokenReuseIfValid();
}
