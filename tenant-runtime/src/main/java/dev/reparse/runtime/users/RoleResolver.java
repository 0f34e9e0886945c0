package dev.reparse.runtime.users;

import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles a user holds: those whose {@code users} relation names the user, and transitively every
 * role whose {@code roles} relation names a role already held (a member of a child role has the
 * parent's access). Cycles end the walk; results are cached briefly and dropped on any role change.
 */
public final class RoleResolver {
    private static final String ROLE = "_Role";
    /** Bounds a pathological hierarchy; Parse Server has no bound at all. */
    private static final int MAX_ROLES = 10_000;

    private final AppContext app;
    private final TtlCache<String, Set<String>> cache;

    RoleResolver(AppContext app, Duration ttl, int maxUsers) {
        this.app = app;
        this.cache = new TtlCache<>(app.clock(), ttl, maxUsers);
    }

    /** The names (without {@code role:}) of every role the user holds, inherited ones included. */
    public Set<String> roleNamesOf(String userId) {
        Set<String> cached = cache.get(userId);
        if (cached != null) {
            return cached;
        }
        Set<String> names = Set.copyOf(namesOf(roleIdsOf(userId)));
        cache.put(userId, names);
        return names;
    }

    /** Forgets every cached answer: a role, its users or its child roles changed. */
    public void invalidate() {
        cache.clear();
    }

    private Set<String> roleIdsOf(String userId) {
        Set<String> held = new LinkedHashSet<>();
        List<String> frontier = app.storage().owningIds("users", ROLE, List.of(userId));
        while (!frontier.isEmpty() && held.size() < MAX_ROLES) {
            List<String> fresh = new ArrayList<>();
            for (String roleId : frontier) {
                if (held.add(roleId)) {
                    fresh.add(roleId);
                }
            }
            frontier = fresh.isEmpty() ? List.of() : app.storage().owningIds("roles", ROLE, fresh);
        }
        return held;
    }

    private Set<String> namesOf(Set<String> roleIds) {
        if (roleIds.isEmpty()) {
            return Set.of();
        }
        ClassSchema schema = app.schemas().get(ROLE).orElse(null);
        if (schema == null) {
            return Set.of();
        }
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", Map.of("$in", List.copyOf(roleIds)));
        Set<String> names = new HashSet<>();
        for (Map<String, Object> role : app.storage().find(ROLE, schema, where,
                new QueryOptions(0, roleIds.size(), List.of(), Set.of("name")))) {
            if (role.get("name") instanceof String name) {
                names.add(name);
            }
        }
        return names;
    }
}
