package dev.reparse.runtime.accounts;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a password login checks besides the password, in Parse Server's order: the lockout (which
 * counts every attempt, and refuses even the right password while locked), then, for a right
 * password, a verified email where the app requires one, then the password's age.
 */
public final class LoginGuard {
    static final String UNVERIFIED = "User email is not verified.";

    private final UserRecords users;
    private final AccountRules rules;
    private final Clock clock;

    public LoginGuard(UserRecords users, AccountRules rules, Clock clock) {
        this.users = users;
        this.rules = rules;
        this.clock = clock;
    }

    /** A guard with Parse Server's defaults: no lockout, no verification required, passwords never expire. */
    public static LoginGuard none(dev.reparse.runtime.core.AppContext app) {
        return new LoginGuard(new UserRecords(app.storage(), app.schemas()), AccountRules.defaults(), app.clock());
    }

    /**
     * Counts a login attempt on the stored user (as read before the password was compared); throws
     * 101 "Your account is locked..." while the lockout holds. The caller answers a wrong password itself.
     */
    public void recordAttempt(Map<String, Object> user, boolean passwordMatched) {
        if (rules.lockout().isEmpty()) {
            return;
        }
        LockoutPolicy lockout = rules.lockout().get();
        Instant now = clock.instant();
        long failures = failedLoginCount(user);
        Instant lockedUntil = UserRecords.instant(user.get("_account_lockout_expires_at")).orElse(null);
        if (lockout.locked(failures, lockedUntil, now)) {
            throw lockout.lockedError();
        }
        Map<String, Object> byId = Map.of("objectId", user.get("objectId"));
        if (passwordMatched) {
            if (failures != 0) {
                users.updateWhere(byId, Map.of("_failed_login_count", 0));
            }
            return;
        }
        // an atomic increment, so parallel wrong guesses each count
        Map<String, Object> counted = users.updateWhere(byId,
                Map.of("_failed_login_count", Map.of("__op", "Increment", "amount", 1))).orElse(user);
        if (failedLoginCount(counted) >= lockout.threshold()) {
            users.updateWhere(byId, Map.of("_account_lockout_expires_at", UserRecords.date(lockout.lockedUntil(now))));
        }
    }

    /**
     * Admits a user whose password matched: 205 "User email is not verified." when the app verifies
     * emails and refuses unverified logins (not for the master key), 101 when the password expired.
     */
    public void admit(Map<String, Object> user, boolean master) {
        if (!master && rules.verifyUserEmails() && rules.preventLoginWithUnverifiedEmail()
                && !Boolean.TRUE.equals(user.get("emailVerified"))) {
            throw new ParseException(ParseErrorCode.EMAIL_NOT_FOUND, UNVERIFIED);
        }
        PasswordPolicy policy = rules.passwordPolicy();
        if (policy.maxPasswordAge().isEmpty()) {
            return;
        }
        Optional<Instant> changedAt = UserRecords.instant(user.get("_password_changed_at"));
        if (changedAt.isEmpty()) {
            // set before the policy existed: the age counts from now on, as Parse Server does
            users.updateWhere(Map.of("objectId", user.get("objectId")),
                    Map.of("_password_changed_at", UserRecords.date(clock.instant())));
        } else if (policy.expired(changedAt.get(), clock.instant())) {
            throw PasswordPolicy.expiredError();
        }
    }

    /** Whether a signup must answer without a session: the email must be verified before any login. */
    public boolean signupWithoutSession() {
        return rules.verifyUserEmails() && rules.preventLoginWithUnverifiedEmail();
    }

    private static long failedLoginCount(Map<String, Object> user) {
        return user.get("_failed_login_count") instanceof Number count ? count.longValue() : 0;
    }
}
