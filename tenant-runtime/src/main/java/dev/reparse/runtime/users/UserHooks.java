package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.ClassHooks;
import dev.reparse.runtime.core.ObjectWrite;
import dev.reparse.runtime.storage.QueryOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code _User}'s part of every write and read: usernames and passwords required and hashed,
 * usernames and emails unique (case-insensitively, as Parse Server), a session for each signup,
 * a user writing only itself, other sessions ended when the password changes, and no password,
 * token or other user's authData in answers.
 */
final class UserHooks implements ClassHooks {
    private static final String USER = "_User";
    private static final Pattern EMAIL = Pattern.compile("^.+@.+$");
    private static final String GENERATED_USERNAME = "generatedUsername";
    private static final String PASSWORD_CHANGED = "passwordChanged";
    private static final String SIGNUP_PROVIDER = "signupProvider";

    private final AppContext app;
    private final PasswordHasher hasher;
    private final SessionStore sessions;
    private final AuthDataRules authData;

    UserHooks(AppContext app, PasswordHasher hasher, SessionStore sessions, AuthDataRules authData) {
        this.app = app;
        this.hasher = hasher;
        this.sessions = sessions;
        this.authData = authData;
    }

    @Override
    public void beforeCreate(ObjectWrite write) {
        Map<String, Object> data = write.data();
        data.remove("sessionToken");
        boolean linked = AuthDataRules.present(data);
        if (!linked) {
            requireNonEmptyString(data, "username", ParseErrorCode.USERNAME_MISSING, "bad or missing username");
            requireNonEmptyString(data, "password", ParseErrorCode.PASSWORD_MISSING, "password is required");
        } else {
            var providers = authData.validate(data.get("authData"));
            authData.requireLinkableTo(write.objectId(), providers);
            write.notes().put(SIGNUP_PROVIDER, AuthDataRules.providerNames(providers));
        }
        if (data.get("username") == null) {
            String username = sessions.newToken().substring(2, 27);
            data.put("username", username);
            write.notes().put(GENERATED_USERNAME, username);
        }
        hashPassword(data);
        checkUnique(data, write.objectId());
        // the new user's ACL (owner always, private unless configured otherwise) comes from security.DefaultAcls
    }

    @Override
    public void afterCreate(ObjectWrite write, Map<String, Object> response) {
        if (write.notes().get(GENERATED_USERNAME) instanceof String username) {
            response.put("username", username);
        }
        if (write.auth().installationId().filter("cloud"::equals).isPresent()) {
            return;
        }
        Optional<String> linkedWith = Optional.ofNullable((String) write.notes().get(SIGNUP_PROVIDER));
        String action = linkedWith.isPresent() ? "login" : "signup";
        Map<String, Object> session = sessions.create(write.objectId(), action,
                Optional.of(linkedWith.orElse("password")), write.auth().installationId());
        response.put("sessionToken", session.get("sessionToken"));
    }

    @Override
    public void beforeUpdate(ObjectWrite write) {
        Auth auth = write.auth();
        requireSelf(auth, write.objectId(), "Cannot modify user " + write.objectId() + ".");
        Map<String, Object> data = write.data();
        data.remove("sessionToken");
        if (data.containsKey("username")) {
            requireNonEmptyString(data, "username", ParseErrorCode.USERNAME_MISSING, "bad or missing username");
        }
        if (data.containsKey("password")) {
            requireNonEmptyString(data, "password", ParseErrorCode.PASSWORD_MISSING, "password is required");
            write.notes().put(PASSWORD_CHANGED, true);
        }
        if (data.containsKey("authData")) {
            authData.requireLinkableTo(write.objectId(), authData.validate(data.get("authData")));
        }
        hashPassword(data);
        checkUnique(data, write.objectId());
        if (data.containsKey("ACL") && !auth.master()) {
            data.put("ACL", aclKeepingOwner(data.get("ACL"), write.objectId()));
        }
    }

    @Override
    public void afterUpdate(ObjectWrite write, Map<String, Object> response) {
        if (write.notes().containsKey(PASSWORD_CHANGED) && app.settings().sessions().revokeOnPasswordChange()) {
            Optional<String> keep = write.auth().userId().filter(write.objectId()::equals)
                    .flatMap(self -> write.auth().sessionToken());
            sessions.deleteUserSessions(write.objectId(), keep);
        }
    }

    @Override
    public void beforeDelete(ObjectWrite write) {
        requireSelf(write.auth(), write.objectId(), "Insufficient auth to delete user");
    }

    @Override
    public void afterDelete(ObjectWrite write) {
        sessions.deleteUserSessions(write.objectId(), Optional.empty());
    }

    @Override
    public void beforeAnswer(Auth auth, Map<String, Object> user) {
        UserAnswers.strip(user);
        boolean self = auth.userId().filter(id -> id.equals(user.get("objectId"))).isPresent();
        if (!auth.master() && !self) {
            user.remove("authData");
        }
    }

    /**
     * A user writes only itself: 206 (Parse Server's words) without a session and for another
     * user alike, as Parse Server answers before it looks at the object.
     */
    private static void requireSelf(Auth auth, String objectId, String refusal) {
        if (!auth.master() && !auth.userId().filter(objectId::equals).isPresent()) {
            throw new ParseException(ParseErrorCode.SESSION_MISSING, refusal);
        }
    }

    private void hashPassword(Map<String, Object> data) {
        if (data.remove("password") instanceof String password) {
            data.put("_hashed_password", hasher.hash(password));
        }
    }

    private void checkUnique(Map<String, Object> data, String objectId) {
        if (data.get("username") instanceof String username && taken("username", username, objectId)) {
            throw new ParseException(ParseErrorCode.USERNAME_TAKEN, "Account already exists for this username.");
        }
        if (data.get("email") instanceof String email) {
            if (!EMAIL.matcher(email).matches()) {
                throw new ParseException(ParseErrorCode.INVALID_EMAIL_ADDRESS, "Email address format is invalid.");
            }
            if (taken("email", email, objectId)) {
                throw new ParseException(ParseErrorCode.EMAIL_TAKEN, "Account already exists for this email address.");
            }
        }
    }

    /** Case-insensitive, as Parse Server: "Snoopy" keeps "snoopy" from signing up. */
    private boolean taken(String field, String value, String objectId) {
        return app.schemas().get(USER).map(schema -> {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put(field, Map.of("$regex", "^" + Pattern.quote(value) + "$", "$options", "i"));
            where.put("objectId", Map.of("$ne", objectId));
            return !app.storage().find(USER, schema, where, QueryOptions.limit(1)).isEmpty();
        }).orElse(false);
    }

    /** The ACL given (or none: private to the user, Parse Server 9's enforcePrivateUsers) with the user's own rw entry. */
    private static Map<String, Object> aclKeepingOwner(Object given, String objectId) {
        Map<String, Object> acl = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> map) {
            map.forEach((key, value) -> acl.put(String.valueOf(key), value));
        }
        acl.put(objectId, Map.of("read", true, "write", true));
        return acl;
    }

    private static void requireNonEmptyString(Map<String, Object> data, String field, int code, String message) {
        if (!(data.get(field) instanceof String value) || value.isEmpty()) {
            throw new ParseException(code, message);
        }
    }
}
