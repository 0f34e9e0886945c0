package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a session token into the user's {@link Auth}: the session (not expired), then the user's
 * roles. Sessions are cached briefly per token, so a user's request costs no query in the common
 * case; sliding expiry writes at most once per {@link #extensionStep} per session.
 */
final class SessionAuthenticator {
    private final AppContext app;
    private final SessionStore sessions;
    private final TtlCache<String, Session> cache;
    private final RoleResolver roles;

    SessionAuthenticator(AppContext app, SessionStore sessions, TtlCache<String, Session> cache, RoleResolver roles) {
        this.app = app;
        this.sessions = sessions;
        this.cache = cache;
        this.roles = roles;
    }

    /** The user's Auth; 209 "Invalid session token" for an unknown, expired or orphaned token. */
    Auth authenticate(String token, Optional<String> installationId) {
        Session session = cache.get(token);
        Instant now = Instant.now(app.clock());
        if (session == null) {
            session = lookUp(token).orElseThrow(SessionAuthenticator::invalidToken);
            if (!userExists(session.userId())) {
                throw invalidToken();
            }
            cache.put(token, session);
        }
        if (session.expiredAt(now)) {
            cache.remove(token);
            throw new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Session token is expired.");
        }
        extendIfDue(session, now);
        return Auth.ofUser(session.userId(), roles.roleNamesOf(session.userId()), token,
                installationId.or(session::installationId));
    }

    /** A revocable session, or a legacy token kept on the user itself ({@code _User._session_token}). */
    private Optional<Session> lookUp(String token) {
        Optional<Session> session = sessions.findByToken(token);
        if (session.isPresent() || token.startsWith("r:")) {
            return session;
        }
        return app.schemas().get("_User").flatMap(schema -> app.storage()
                .find("_User", schema, new LinkedHashMap<>(Map.of("sessionToken", token)), QueryOptions.limit(1))
                .stream().findFirst())
                .map(user -> new Session(null, token, (String) user.get("objectId"), Optional.empty(),
                        Optional.empty()));
    }

    private boolean userExists(String userId) {
        return app.schemas().get("_User").map(schema -> app.storage().count("_User", schema,
                new LinkedHashMap<>(Map.of("objectId", userId))) > 0).orElse(false);
    }

    /** Sliding expiry: a used session ends a full session length after its use, give or take one step. */
    private void extendIfDue(Session session, Instant now) {
        AppSettings.Sessions policy = app.settings().sessions();
        if (!policy.expireInactive() || session.objectId() == null || session.expiresAt().isEmpty()) {
            return;
        }
        Instant fresh = now.plus(policy.length());
        if (Duration.between(session.expiresAt().get(), fresh).compareTo(extensionStep(policy.length())) > 0) {
            sessions.extend(session, fresh);
        }
    }

    /** A tenth of the session length, at most a day: a year-long session is written at most daily. */
    static Duration extensionStep(Duration length) {
        Duration tenth = length.dividedBy(10);
        return tenth.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : tenth;
    }

    static ParseException invalidToken() {
        return new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Invalid session token");
    }
}
