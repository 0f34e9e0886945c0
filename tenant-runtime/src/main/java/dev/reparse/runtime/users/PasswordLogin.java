package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.accounts.LoginGuard;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.storage.QueryOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the user a username-or-email and password name, for {@code /login} and {@code
 * /verifyPassword}. An unknown user and a wrong password get the same answer, after the same bcrypt
 * work, so neither the answer nor its timing tells which usernames exist.
 */
final class PasswordLogin {
    /** A valid cost-10 hash of a random password: compared against when the user does not exist. */
    private static final String DECOY_HASH = "$2a$10$8/wZJyEuiEaobBBqzTG.jeY.XSFJd0rzaN//ososvEI4yLqI.4aie";

    private final AppContext app;
    private final PasswordHasher hasher;
    private final LoginGuard guard;

    PasswordLogin(AppContext app, PasswordHasher hasher, LoginGuard guard) {
        this.app = app;
        this.hasher = hasher;
        this.guard = guard;
    }

    /** The stored user (internal fields included); 200/201 for missing fields, 101 for a bad login. */
    Map<String, Object> authenticate(Auth auth, Map<String, Object> params) {
        Object username = params.get("username");
        Object email = params.get("email");
        Object password = params.get("password");
        if (isBlank(username) && isBlank(email)) {
            throw new ParseException(ParseErrorCode.USERNAME_MISSING, "username/email is required.");
        }
        if (isBlank(password)) {
            throw new ParseException(ParseErrorCode.PASSWORD_MISSING, "password is required.");
        }
        if (!(password instanceof String secret) || !isBlankOrString(username) || !isBlankOrString(email)) {
            throw badLogin();
        }
        List<Map<String, Object>> found = candidates((String) username, (String) email);
        Map<String, Object> user = found.size() > 1
                ? found.stream().filter(candidate -> candidate.get("username").equals(username)).findFirst()
                        .orElse(found.get(0))
                : found.isEmpty() ? null : found.get(0);
        String hash = user != null && user.get("_hashed_password") instanceof String stored ? stored : DECOY_HASH;
        boolean matches = hasher.matches(secret, hash);
        if (user != null) {
            // the lockout counts every attempt and, while it holds, refuses the right password too
            guard.recordAttempt(user, matches);
        }
        if (user == null || !matches) {
            throw badLogin();
        }
        if (!auth.master() && user.get("ACL") instanceof Map<?, ?> acl && acl.isEmpty()) {
            // an empty ACL is how an app locks a user out
            throw badLogin();
        }
        guard.admit(user, auth.master());
        return user;
    }

    private List<Map<String, Object>> candidates(String username, String email) {
        Map<String, Object> where = new LinkedHashMap<>();
        if (!isBlank(username) && !isBlank(email)) {
            where.put("username", username);
            where.put("email", email);
        } else if (!isBlank(email)) {
            where.put("email", email);
        } else {
            where.put("$or", List.of(Map.of("username", username), Map.of("email", username)));
        }
        return app.schemas().get("_User")
                .map(schema -> app.storage().find("_User", schema, where, QueryOptions.limit(2)))
                .orElse(List.of());
    }

    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String text && text.isEmpty());
    }

    private static boolean isBlankOrString(Object value) {
        return isBlank(value) || value instanceof String;
    }

    static ParseException badLogin() {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Invalid username/password.");
    }
}
