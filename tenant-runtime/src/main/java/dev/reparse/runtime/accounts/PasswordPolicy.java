package dev.reparse.runtime.accounts;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An app's rules for passwords and reset links, Parse Server's {@code passwordPolicy}: refusals are
 * error 142 with Parse Server's messages.
 *
 * @param validatorPattern a password must contain a match (JavaScript's {@code RegExp.test})
 * @param validationError the message for a password the pattern refuses, instead of Parse Server's default
 * @param doNotAllowUsername a password may not contain the username
 * @param maxPasswordAge after this long since the last change, login answers 101 until the password is reset
 * @param maxPasswordHistory a new password may not equal the current one nor the last {@code n - 1} before it (0: off, at most 20)
 * @param resetTokenValidity how long a reset link works; empty: until used
 * @param resetTokenReuseIfValid a second reset request mails the still-valid link again instead of a new one
 */
public record PasswordPolicy(Optional<Pattern> validatorPattern, Optional<String> validationError,
        boolean doNotAllowUsername, Optional<Duration> maxPasswordAge, int maxPasswordHistory,
        Optional<Duration> resetTokenValidity, boolean resetTokenReuseIfValid, int maxLength) {
    /** Reparse's default bound on a password's length, in characters; Parse Server has none. */
    public static final int DEFAULT_MAX_LENGTH = 256;

    static final String DEFAULT_ERROR = "Password does not meet the Password Policy requirements.";
    static final String CONTAINS_USERNAME = "Password cannot contain your username.";
    public static final String EXPIRED = "Your password has expired. Please reset your password.";

    public PasswordPolicy {
        Objects.requireNonNull(validatorPattern, "validatorPattern");
        Objects.requireNonNull(validationError, "validationError");
        Objects.requireNonNull(maxPasswordAge, "maxPasswordAge");
        Objects.requireNonNull(resetTokenValidity, "resetTokenValidity");
        if (maxPasswordAge.isPresent() && maxPasswordAge.get().isNegative()) {
            throw new IllegalArgumentException("passwordPolicy.maxPasswordAge must be a positive number");
        }
        if (resetTokenValidity.isPresent() && !resetTokenValidity.get().isPositive()) {
            throw new IllegalArgumentException("passwordPolicy.resetTokenValidityDuration must be a positive number");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("reparse.accounts.max-password-length must be positive");
        }
        if (maxPasswordHistory < 0 || maxPasswordHistory > 20) {
            throw new IllegalArgumentException("passwordPolicy.maxPasswordHistory must be an integer ranging 0 - 20");
        }
        if (resetTokenReuseIfValid && resetTokenValidity.isEmpty()) {
            throw new IllegalArgumentException(
                    "You cannot use resetTokenReuseIfValid without resetTokenValidityDuration");
        }
        // Parse Server's maxPasswordAge: 0 is "not set"
        maxPasswordAge = maxPasswordAge.filter(Duration::isPositive);
    }

    /** With the default maximum length. */
    public PasswordPolicy(Optional<Pattern> validatorPattern, Optional<String> validationError,
            boolean doNotAllowUsername, Optional<Duration> maxPasswordAge, int maxPasswordHistory,
            Optional<Duration> resetTokenValidity, boolean resetTokenReuseIfValid) {
        this(validatorPattern, validationError, doNotAllowUsername, maxPasswordAge, maxPasswordHistory,
                resetTokenValidity, resetTokenReuseIfValid, DEFAULT_MAX_LENGTH);
    }

    /** No rules but the default maximum length: links valid until used. */
    public static PasswordPolicy none() {
        return new PasswordPolicy(Optional.empty(), Optional.empty(), false, Optional.empty(), 0, Optional.empty(),
                false);
    }

    /** 142 when the password is too long, misses the pattern or contains the username. */
    public void checkRequirements(String password, String username) {
        if (password.length() > maxLength) {
            throw new ParseException(ParseErrorCode.VALIDATION_ERROR,
                    "Password must be at most " + maxLength + " characters long.");
        }
        if (validatorPattern.isPresent() && !validatorPattern.get().matcher(password).find()) {
            throw new ParseException(ParseErrorCode.VALIDATION_ERROR, validationError.orElse(DEFAULT_ERROR));
        }
        if (doNotAllowUsername && username != null && !username.isEmpty() && password.contains(username)) {
            throw new ParseException(ParseErrorCode.VALIDATION_ERROR, CONTAINS_USERNAME);
        }
    }

    /** 142 when the new password is the current one or one of the remembered ones. */
    public void checkNotReused(String password, Optional<String> currentHash, List<String> history,
            PasswordHashes hashes) {
        if (maxPasswordHistory == 0) {
            return;
        }
        List<String> recent = new ArrayList<>(history.subList(0, Math.min(history.size(), maxPasswordHistory - 1)));
        currentHash.ifPresent(recent::add);
        for (String hash : recent) {
            if (hashes.matches(password, hash)) {
                throw new ParseException(ParseErrorCode.VALIDATION_ERROR,
                        "New password should not be the same as last " + maxPasswordHistory + " passwords.");
            }
        }
    }

    /**
     * The {@code _password_history} to store with a new password: the previous hash appended, the
     * oldest dropped, {@code n - 1} at most (with the current one, the last {@code n} are known).
     */
    public List<String> historyAfterChange(Optional<String> previousHash, List<String> history) {
        List<String> kept = new ArrayList<>(history.subList(0, Math.min(history.size(), maxPasswordHistory)));
        while (kept.size() > Math.max(0, maxPasswordHistory - 2)) {
            kept.remove(0);
        }
        previousHash.ifPresent(kept::add);
        return List.copyOf(kept);
    }

    /** Whether a password changed at that time has expired; never without a maximum age. */
    public boolean expired(Instant changedAt, Instant now) {
        return maxPasswordAge.isPresent() && changedAt.plus(maxPasswordAge.get()).isBefore(now);
    }

    /** The 101 a login with an expired password answers. */
    public static ParseException expiredError() {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, EXPIRED);
    }
}
