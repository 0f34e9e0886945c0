package dev.reparse.runtime.accounts;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a new password into the fields Parse Server stores with it, after the app's policy agreed:
 * {@code _hashed_password}, {@code _password_changed_at} (with a maximum age), {@code
 * _password_history} (with a history), and the end of any pending reset link.
 */
public final class PasswordChanges {
    private final PasswordPolicy policy;
    private final PasswordHashes hashes;
    private final Clock clock;

    public PasswordChanges(PasswordPolicy policy, PasswordHashes hashes, Clock clock) {
        this.policy = policy;
        this.hashes = hashes;
        this.clock = clock;
    }

    public PasswordPolicy policy() {
        return policy;
    }

    /**
     * The fields a signup stores besides the hash its password gets elsewhere; 142 when the policy
     * refuses the password.
     */
    public Map<String, Object> trackingForSignup(String password, String username) {
        policy.checkRequirements(password, username);
        Map<String, Object> fields = new LinkedHashMap<>();
        policy.maxPasswordAge().ifPresent(age -> fields.put("_password_changed_at", UserRecords.date(clock.instant())));
        return fields;
    }

    /**
     * The update that gives a stored user (as read, internal fields included) a new password; 142
     * when the policy refuses it (pattern, username, or one of the last passwords).
     */
    public Map<String, Object> forChange(Map<String, Object> storedUser, String password) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("_hashed_password", hashes.hash(password));
        update.putAll(trackingForChange(storedUser, password, null));
        return update;
    }

    /**
     * What a password change stores besides the new hash: history, change time, the end of any
     * reset link; 142 when the policy refuses the password. {@code newUsername} is one the same
     * update sets, if any.
     */
    public Map<String, Object> trackingForChange(Map<String, Object> storedUser, String password, String newUsername) {
        String username = newUsername != null ? newUsername
                : storedUser.get("username") instanceof String name ? name : null;
        policy.checkRequirements(password, username);
        Optional<String> currentHash = Optional.ofNullable(storedUser.get("_hashed_password"))
                .filter(String.class::isInstance).map(String.class::cast);
        List<String> history = history(storedUser.get("_password_history"));
        policy.checkNotReused(password, currentHash, history, hashes);
        Map<String, Object> update = new LinkedHashMap<>();
        if (policy.maxPasswordAge().isPresent()) {
            update.put("_password_changed_at", UserRecords.date(clock.instant()));
        }
        if (policy.maxPasswordHistory() > 0) {
            update.put("_password_history", policy.historyAfterChange(currentHash, history));
        }
        // a changed password ends any reset link, as Parse Server's deleteEmailResetTokenIfNeeded
        update.put("_perishable_token", UserRecords.delete());
        update.put("_perishable_token_expires_at", UserRecords.delete());
        return update;
    }

    private static List<String> history(Object stored) {
        if (!(stored instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
