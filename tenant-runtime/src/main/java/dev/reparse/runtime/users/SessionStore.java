package dev.reparse.runtime.users;

import dev.reparse.protocol.ParseDates;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The app's {@code _Session} objects in Parse Server's layout: the token stored as is in {@code
 * _session_token} (Parse Server does not hash it), {@code _p_user}, {@code createdWith}, {@code
 * expiresAt}, {@code installationId}. Every removal also forgets the token in the cache.
 */
final class SessionStore {
    static final String CLASS = "_Session";

    private final AppContext app;
    private final RandomGenerator random;
    private final TtlCache<String, Session> cache;

    SessionStore(AppContext app, RandomGenerator random, TtlCache<String, Session> cache) {
        this.app = app;
        this.random = random;
        this.cache = cache;
    }

    /**
     * Stores a new session for the user and returns its REST fields; an earlier session of the same
     * user on the same installation is ended, as Parse Server does.
     */
    Map<String, Object> create(String userId, String action, Optional<String> authProvider,
            Optional<String> installationId) {
        Map<String, Object> createdWith = new LinkedHashMap<>();
        createdWith.put("action", action);
        authProvider.ifPresent(provider -> createdWith.put("authProvider", provider));
        Map<String, Object> fields = newSessionFields(userId, createdWith, installationId);
        Map<String, Object> object = new LinkedHashMap<>(fields);
        String now = ParseDates.format(Instant.now(app.clock()));
        object.put("objectId", app.ids().next());
        object.put("createdAt", now);
        object.put("updatedAt", now);
        object.put("ACL", Map.of(userId, Map.of("read", true, "write", true)));
        app.storage().createObject(CLASS, schema(), object);
        installationId.ifPresent(installation -> deleteWhere(Map.of("user", pointer(userId),
                "installationId", installation, "sessionToken", Map.of("$ne", fields.get("sessionToken")))));
        Map<String, Object> answer = new LinkedHashMap<>(fields);
        answer.put("objectId", object.get("objectId"));
        answer.put("createdAt", now);
        return answer;
    }

    /** The server-set fields of a new session: token, user, createdWith, expiresAt, installationId. */
    Map<String, Object> newSessionFields(String userId, Map<String, Object> createdWith,
            Optional<String> installationId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sessionToken", newToken());
        fields.put("user", pointer(userId));
        fields.put("createdWith", createdWith);
        fields.put("expiresAt", date(Instant.now(app.clock()).plus(app.settings().sessions().length())));
        installationId.ifPresent(installation -> fields.put("installationId", installation));
        return fields;
    }

    /** {@code r:} and 32 random hex digits, as Parse Server's tokens. */
    String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "r:" + HexFormat.of().formatHex(bytes);
    }

    Optional<Session> findByToken(String token) {
        return findOne(Map.of("sessionToken", token));
    }

    Optional<Session> findById(String objectId) {
        return findOne(Map.of("objectId", objectId));
    }

    /** The session's stored REST form, for {@code /sessions/me}. */
    Optional<Map<String, Object>> objectByToken(String token) {
        return find(Map.of("sessionToken", token), 1).stream().findFirst();
    }

    /** Pushes the session's end forward to a full session length from now. */
    void extend(Session session, Instant expiresAt) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("expiresAt", date(expiresAt));
        app.storage().findOneAndUpdate(CLASS, schema(), Map.of("objectId", session.objectId()), update);
        cache.remove(session.token());
    }

    void deleteByToken(String token) {
        deleteWhere(Map.of("sessionToken", token));
        cache.remove(token);
    }

    /** Ends every session of the user but the one kept (none when {@code keepToken} is empty). */
    void deleteUserSessions(String userId, Optional<String> keepToken) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("user", pointer(userId));
        keepToken.ifPresent(token -> where.put("sessionToken", Map.of("$ne", token)));
        deleteWhere(where);
        cache.removeIf(session -> session.userId().equals(userId)
                && keepToken.map(token -> !token.equals(session.token())).orElse(true));
    }

    /** Forgets every cached token: all sessions were deleted at once. */
    void forgetAll() {
        cache.clear();
    }

    /** Forgets a token without touching the store: its session was deleted through the core. */
    void forget(String token) {
        cache.remove(token);
    }

    private void deleteWhere(Map<String, Object> where) {
        app.storage().deleteObjectsByQuery(CLASS, schema(), new LinkedHashMap<>(where));
    }

    private Optional<Session> findOne(Map<String, Object> where) {
        return find(where, 1).stream().findFirst().flatMap(SessionStore::toSession);
    }

    private List<Map<String, Object>> find(Map<String, Object> where, int limit) {
        return app.storage().find(CLASS, schema(), new LinkedHashMap<>(where), QueryOptions.limit(limit));
    }

    private ClassSchema schema() {
        return app.schemas().ensureClass(CLASS);
    }

    static Optional<Session> toSession(Map<String, Object> object) {
        if (!(object.get("sessionToken") instanceof String token)
                || !(object.get("user") instanceof Map<?, ?> user) || !(user.get("objectId") instanceof String userId)) {
            return Optional.empty();
        }
        Optional<Instant> expiresAt = object.get("expiresAt") instanceof Map<?, ?> date
                && date.get("iso") instanceof String iso ? Optional.of(ParseDates.parse(iso)) : Optional.empty();
        Optional<String> installationId = object.get("installationId") instanceof String id
                ? Optional.of(id) : Optional.empty();
        return Optional.of(new Session((String) object.get("objectId"), token, userId, expiresAt, installationId));
    }

    static Map<String, Object> pointer(String userId) {
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("__type", "Pointer");
        pointer.put("className", "_User");
        pointer.put("objectId", userId);
        return pointer;
    }

    static Map<String, Object> date(Instant instant) {
        Map<String, Object> date = new LinkedHashMap<>();
        date.put("__type", "Date");
        date.put("iso", ParseDates.format(instant));
        return date;
    }
}
