package dev.reparse.runtime.users;

import java.util.Map;

/** What a user object never shows a client: password material, tokens and storage internals. */
final class UserAnswers {
    private UserAnswers() {
    }

    /** Drops the password, the stored session token and every internal {@code _} field, in place. */
    static Map<String, Object> strip(Map<String, Object> user) {
        user.keySet().removeIf(key -> key.startsWith("_"));
        user.remove("password");
        user.remove("sessionToken");
        return user;
    }
}
