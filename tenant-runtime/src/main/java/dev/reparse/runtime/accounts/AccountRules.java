package dev.reparse.runtime.accounts;

import java.util.Objects;
import java.util.Optional;

/**
 * One app's account rules as plain values: email verification, lockout and password policy.
 *
 * @param verifyUserEmails new users (and changed emails) get a verification mail; Parse Server's {@code verifyUserEmails}
 * @param preventLoginWithUnverifiedEmail with verification on, unverified users cannot log in (205) and signup answers no session
 * @param lockout Parse Server's {@code accountLockout}; empty: off
 */
public record AccountRules(boolean verifyUserEmails, boolean preventLoginWithUnverifiedEmail,
        Optional<LockoutPolicy> lockout, PasswordPolicy passwordPolicy) {
    public AccountRules {
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    }

    /** Parse Server's defaults: no verification, no lockout, no policy. */
    public static AccountRules defaults() {
        return new AccountRules(false, false, Optional.empty(), PasswordPolicy.none());
    }
}
