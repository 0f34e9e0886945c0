package dev.reparse.runtime.cloud;

import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.RequestInfo;
import dev.reparse.runtime.storage.QueryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request part of a call to the app's code, in the Cloud Code webhook protocol's shape: {@code master},
 * {@code user} (the caller, with its session token), {@code installationId}, {@code ip}, {@code headers},
 * {@code context}; plus {@code roles}, the caller's role names, for validators.
 */
final class CallPayloads {
    /** How long a caller's user is reused for its calls, as sessions and roles are cached (Users.CACHE_TTL). */
    private static final java.time.Duration USER_TTL = java.time.Duration.ofSeconds(5);

    private final AppContext app;
    /** By session token: a busy user's calls would otherwise each read its _User object again. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Map<String, Object>> users =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(USER_TTL).build();

    CallPayloads(AppContext app) {
        this.app = app;
    }

    /** Forgets a user whose object changed: the next call sees it as stored (other replicas within USER_TTL). */
    void forget(String userId) {
        users.asMap().values().removeIf(user -> userId.equals(user.get("objectId")));
    }

    Map<String, Object> request(Auth auth) {
        RequestInfo info = RequestInfo.current();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("master", auth.master());
        user(auth).ifPresent(user -> request.put("user", user));
        if (!auth.roleNames().isEmpty()) {
            request.put("roles", new ArrayList<>(auth.roleNames()));
        }
        auth.installationId().ifPresent(id -> request.put("installationId", id));
        if (info.ip() != null) {
            request.put("ip", info.ip());
        }
        request.put("headers", info.headers());
        request.put("context", info.context());
        return request;
    }

    /** The calling user as the code sees it: stored fields without internals, and the request's session token. */
    java.util.Optional<Map<String, Object>> user(Auth auth) {
        if (auth.userId().isEmpty()) {
            return java.util.Optional.empty();
        }
        String token = auth.sessionToken().orElse(null);
        Map<String, Object> cached = token == null ? null : users.getIfPresent(token);
        if (cached != null && auth.userId().get().equals(cached.get("objectId"))) {
            return java.util.Optional.of(new LinkedHashMap<>(cached));
        }
        java.util.Optional<Map<String, Object>> loaded = load(auth);
        if (token != null) {
            loaded.ifPresent(user -> users.put(token, new LinkedHashMap<>(user)));
        }
        return loaded;
    }

    private java.util.Optional<Map<String, Object>> load(Auth auth) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", auth.userId().get());
        return app.schemas().get("_User").flatMap(schema -> app.storage()
                .find("_User", schema, where, QueryOptions.limit(1)).stream().findFirst())
                .map(stored -> {
                    Map<String, Object> user = withoutInternals(stored);
                    auth.sessionToken().ifPresent(token -> user.put("sessionToken", token));
                    return user;
                });
    }

    /** A stored object without its internal {@code _} fields and password material. */
    static Map<String, Object> withoutInternals(Map<String, Object> stored) {
        Map<String, Object> object = new LinkedHashMap<>(stored);
        object.keySet().removeIf(key -> key.startsWith("_"));
        object.remove("password");
        object.remove("sessionToken");
        return object;
    }
}
