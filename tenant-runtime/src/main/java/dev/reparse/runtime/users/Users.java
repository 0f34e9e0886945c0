package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.accounts.LoginGuard;
import dev.reparse.runtime.authdata.AuthDataValidator;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.storage.QueryOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users feature of one app, without HTTP: signup (also with {@code authData}), login, logout,
 * the current user and session, {@code loginAs}, {@code verifyPassword}, and who a session token
 * is. {@link #install} registers the {@code _User}, {@code _Session} and {@code _Role} handlers with
 * the core, so the generic {@code /classes} routes follow the same rules.
 */
public final class Users {
    /** How long a token's session and a user's roles are trusted without asking the store again. */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final int CACHE_ENTRIES = 10_000;
    private static final String USER = "_User";

    private final ParseCore core;
    private final AppContext app;
    private final SessionStore sessions;
    private final SessionAuthenticator authenticator;
    private final PasswordLogin passwords;
    private final AuthDataRules authData;
    private final PasswordHasher hasher;

    private Users(ParseCore core, SessionStore sessions, SessionAuthenticator authenticator, PasswordHasher hasher,
            AuthDataRules authData, LoginGuard guard) {
        this.core = core;
        this.app = core.app();
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.hasher = hasher;
        this.passwords = new PasswordLogin(app, hasher, guard);
        this.authData = authData;
    }

    /** Builds the feature over the core and registers its class handlers; call once per core. */
    public static Users install(ParseCore core, AuthDataValidator validator) {
        return install(core, validator, LoginGuard.none(core.app()));
    }

    /** As {@link #install(ParseCore, AuthDataValidator)}, with the app's lockout and login rules. */
    public static Users install(ParseCore core, AuthDataValidator validator, LoginGuard guard) {
        AppContext app = core.app();
        TtlCache<String, Session> sessionCache = new TtlCache<>(app.clock(), CACHE_TTL, CACHE_ENTRIES);
        SessionStore sessions = new SessionStore(app, new SecureRandom(), sessionCache);
        RoleResolver roles = new RoleResolver(app, CACHE_TTL, CACHE_ENTRIES);
        PasswordHasher hasher = new PasswordHasher();
        AuthDataRules authData = new AuthDataRules(app, validator);
        app.hooks().register(USER, new UserHooks(app, hasher, sessions, authData));
        app.hooks().register(SessionStore.CLASS, new SessionHooks(sessions));
        app.hooks().register("_Role", new RoleHooks(roles));
        return new Users(core, sessions, new SessionAuthenticator(app, sessions, sessionCache, roles), hasher,
                authData, guard);
    }

    /** The hasher passwords are stored with, for features that set passwords (e.g. password reset). */
    public PasswordHasher passwordHasher() {
        return hasher;
    }

    /** The Auth of a session token's user, with all roles; 209 when the token is not a live session. */
    public Auth authenticate(String sessionToken, Optional<String> installationId) {
        return authenticator.authenticate(sessionToken, installationId);
    }

    /** A signup's answer: created (201) or, for authData already linked to a user, logged in (200). */
    public record SignUp(boolean created, Map<String, Object> response) {
    }

    /** {@code POST /users}: a new user with a session, or the user its authData names, logged in. */
    public SignUp signUp(Auth auth, Map<String, Object> body) {
        if (AuthDataRules.present(body) && auth.userId().isEmpty()) {
            var providers = authData.validate(body.get("authData"));
            ParseCore.checkKeys(body);
            Optional<Map<String, Object>> linked = authData.linkedUser(providers);
            if (linked.isPresent()) {
                return new SignUp(false, logInLinked(auth, linked.get(), providers));
            }
        }
        return new SignUp(true, core.create(auth, USER, body));
    }

    private Map<String, Object> logInLinked(Auth auth, Map<String, Object> user,
            Map<String, Map<String, Object>> providers) {
        String userId = (String) user.get("objectId");
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("authData", new LinkedHashMap<>(providers));
        app.storage().findOneAndUpdate(USER, app.schemas().ensureClass(USER),
                new LinkedHashMap<>(Map.of("objectId", userId)), update);
        return loggedIn(auth, user, AuthDataRules.providerNames(providers));
    }

    /** {@code GET|POST /login}: the user and a new session token; 101 for any bad username or password. */
    public Map<String, Object> logIn(Auth auth, Map<String, Object> params) {
        return loggedIn(auth, passwords.authenticate(auth, params), "password");
    }

    /** A login the app's beforeLogin trigger may still refuse; afterLogin sees the new session. */
    private Map<String, Object> loggedIn(Auth auth, Map<String, Object> user, String provider) {
        core.triggers().beforeLogin(auth, user);
        Map<String, Object> answer = withNewSession(auth, user, "login", provider);
        core.triggers().afterLogin(auth, answer);
        return answer;
    }

    /** {@code GET|POST /verifyPassword}: the user, without a session. */
    public Map<String, Object> verifyPassword(Auth auth, Map<String, Object> params) {
        return UserAnswers.strip(new LinkedHashMap<>(passwords.authenticate(auth, params)));
    }

    /** {@code POST /loginAs} (master key): a session for any user, without the password. */
    public Map<String, Object> logInAs(Auth auth, Map<String, Object> params) {
        if (!auth.master()) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "master key is required");
        }
        if (!(params.get("userId") instanceof String userId) || userId.isEmpty()) {
            throw new ParseException(ParseErrorCode.INVALID_VALUE, "userId must not be empty, null, or undefined");
        }
        Map<String, Object> user = storedUser(userId)
                .orElseThrow(() -> new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "user not found"));
        return withNewSession(auth, user, "login", "masterkey");
    }

    /** {@code POST /logout}: ends the request's session. */
    public Map<String, Object> logOut(Auth auth) {
        auth.sessionToken().ifPresent(token -> {
            Optional<Map<String, Object>> session = core.triggers().has("afterLogout", SessionStore.CLASS)
                    ? sessions.objectByToken(token) : Optional.empty();
            sessions.deleteByToken(token);
            session.ifPresent(ended -> core.triggers().afterLogout(auth, ended));
        });
        return Map.of();
    }

    /** {@code GET /users/me}: the session's user, with its token, as the SDKs' {@code become} expects. */
    public Map<String, Object> me(Auth auth) {
        String token = auth.sessionToken().orElseThrow(SessionAuthenticator::invalidToken);
        Map<String, Object> user = storedUser(auth.userId().orElseThrow())
                .orElseThrow(SessionAuthenticator::invalidToken);
        UserAnswers.strip(user);
        user.put("sessionToken", token);
        return user;
    }

    /** {@code GET /sessions/me}: the request's session. */
    public Map<String, Object> sessionMe(Auth auth) {
        String token = auth.sessionToken().orElseThrow(() ->
                new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Session token required."));
        Map<String, Object> session = sessions.objectByToken(token).orElseThrow(() ->
                new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Session token not found."));
        session.keySet().removeIf(key -> key.startsWith("_"));
        return session;
    }

    /** {@code POST /upgradeToRevocableSession}: a revocable session replacing a legacy token. */
    public Map<String, Object> upgradeToRevocableSession(Auth auth) {
        String userId = auth.userId().orElseThrow(() ->
                new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "invalid session"));
        Map<String, Object> session = sessions.create(userId, "upgrade", Optional.empty(), auth.installationId());
        auth.sessionToken().filter(token -> !token.startsWith("r:")).ifPresent(legacy -> {
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("sessionToken", Map.of("__op", "Delete"));
            app.storage().findOneAndUpdate(USER, app.schemas().ensureClass(USER),
                    new LinkedHashMap<>(Map.of("objectId", userId)), update);
            sessions.forget(legacy);
        });
        return session;
    }

    private Map<String, Object> withNewSession(Auth auth, Map<String, Object> stored, String action,
            String provider) {
        Map<String, Object> user = UserAnswers.strip(new LinkedHashMap<>(stored));
        Map<String, Object> session = sessions.create((String) user.get("objectId"), action, Optional.of(provider),
                auth.installationId());
        user.put("sessionToken", session.get("sessionToken"));
        return user;
    }

    private Optional<Map<String, Object>> storedUser(String userId) {
        return app.schemas().get(USER).flatMap(schema -> app.storage()
                .find(USER, schema, new LinkedHashMap<>(Map.of("objectId", userId)), QueryOptions.limit(1))
                .stream().findFirst())
                .map(LinkedHashMap::new);
    }
}
