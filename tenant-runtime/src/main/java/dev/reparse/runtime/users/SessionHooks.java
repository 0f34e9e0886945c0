package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.ClassHooks;
import dev.reparse.runtime.core.ObjectWrite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code _Session}'s part of every write and read: a user sees and changes only its own sessions,
 * the server alone sets a session's token, user, expiry, origin and installation, and a deleted
 * session's token stops working at once.
 */
final class SessionHooks implements ClassHooks {
    private static final List<String> SERVER_FIELDS = List.of("sessionToken", "expiresAt", "createdWith", "user",
            "installationId", "restricted", "ACL");
    private static final String TOKEN = "token";

    private final SessionStore sessions;

    SessionHooks(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public Map<String, Object> restrictRead(Auth auth, Map<String, Object> where) {
        if (auth.master()) {
            return where;
        }
        String userId = auth.userId().orElseThrow(SessionAuthenticator::invalidToken);
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("$and", List.of(where, Map.of("user", SessionStore.pointer(userId))));
        return own;
    }

    @Override
    public void beforeCreate(ObjectWrite write) {
        if (write.auth().master()) {
            return;
        }
        String userId = write.auth().userId().orElseThrow(() ->
                new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Session token required."));
        if (write.data().containsKey("ACL")) {
            throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Cannot set ACL on a Session.");
        }
        // whatever the body says, the server chooses these (Parse Server 9 overwrites them too)
        SERVER_FIELDS.forEach(write.data()::remove);
        write.data().putAll(sessions.newSessionFields(userId, Map.of("action", "create"), Optional.empty()));
        write.data().put("ACL", Map.of(userId, Map.of("read", true, "write", true)));
    }

    @Override
    public void afterCreate(ObjectWrite write, Map<String, Object> response) {
        if (!write.auth().master()) {
            write.data().forEach((key, value) -> {
                if (!key.equals("ACL")) {
                    response.putIfAbsent(key, value);
                }
            });
        }
    }

    @Override
    public void beforeUpdate(ObjectWrite write) {
        if (write.auth().master()) {
            return;
        }
        refuseServerFields(write.data());
        ownedSession(write);
    }

    @Override
    public void afterUpdate(ObjectWrite write, Map<String, Object> response) {
        sessions.findById(write.objectId()).ifPresent(session -> sessions.forget(session.token()));
    }

    @Override
    public void beforeDelete(ObjectWrite write) {
        Session session = write.auth().master()
                ? sessions.findById(write.objectId()).orElseThrow(ParseException::objectNotFound)
                : ownedSession(write);
        write.notes().put(TOKEN, session.token());
    }

    @Override
    public void afterDelete(ObjectWrite write) {
        sessions.forget((String) write.notes().get(TOKEN));
    }

    @Override
    public void afterPurge() {
        sessions.forgetAll();
    }

    /** The session, when it is the caller's; another user's session answers 101, like a missing one. */
    private Session ownedSession(ObjectWrite write) {
        String userId = write.auth().userId().orElseThrow(SessionAuthenticator::invalidToken);
        return sessions.findById(write.objectId())
                .filter(session -> session.userId().equals(userId))
                .orElseThrow(ParseException::objectNotFound);
    }

    private static void refuseServerFields(Map<String, Object> data) {
        for (String field : SERVER_FIELDS) {
            if (data.containsKey(field)) {
                throw new ParseException(ParseErrorCode.INVALID_KEY_NAME, "Cannot set " + field + " on a Session.");
            }
        }
    }
}
