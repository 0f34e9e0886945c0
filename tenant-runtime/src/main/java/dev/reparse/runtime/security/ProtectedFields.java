package dev.reparse.runtime.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a class a principal must not see, from the CLP's {@code protectedFields}, with
 * Parse Server's intersection rule: every entry that applies to the principal ({@code *} always,
 * {@code authenticated} for a logged-in user, {@code role:X} for a role it holds, its own user id)
 * names a set, and only fields hidden by <em>all</em> of them stay hidden — one applicable entry
 * that leaves a field out reveals it. {@code userField:<pointer>} entries apply per object, when
 * the object's pointer field names the user, and intersect the same way.
 */
public final class ProtectedFields {
    private static final String USER_FIELD = "userField:";

    private ProtectedFields() {
    }

    /** The fields hidden before looking at any object: what queries may not name. */
    public static Set<String> hiddenFrom(Map<String, Object> clp, Principal principal) {
        if (clp == null || !(clp.get("protectedFields") instanceof Map<?, ?> entries)) {
            return Set.of();
        }
        List<Set<String>> applicable = new ArrayList<>();
        entries.forEach((key, fields) -> {
            String entity = String.valueOf(key);
            if (appliesTo(entity, principal)) {
                applicable.add(fieldSet(fields));
            }
        });
        return intersection(applicable);
    }

    /**
     * The fields hidden in one object: {@code hidden} (from {@link #hiddenFrom}) intersected with the
     * {@code userField:} entries whose pointer (or array of pointers) in the object names the user.
     */
    public static Set<String> hiddenIn(Map<String, Object> clp, Set<String> hidden, Principal principal,
            Map<String, Object> object) {
        if (hidden.isEmpty() || principal.userId().isEmpty()
                || clp == null || !(clp.get("protectedFields") instanceof Map<?, ?> entries)) {
            return hidden;
        }
        List<Set<String>> applicable = new ArrayList<>();
        applicable.add(hidden);
        entries.forEach((key, fields) -> {
            String entity = String.valueOf(key);
            if (entity.startsWith(USER_FIELD)
                    && namesUser(object.get(entity.substring(USER_FIELD.length())), principal.userId().get())) {
                applicable.add(fieldSet(fields));
            }
        });
        return intersection(applicable);
    }

    /** The pointer fields {@code userField:} entries read, which must be fetched even when {@code keys} leaves them out. */
    public static Set<String> userFieldPointers(Map<String, Object> clp) {
        Set<String> pointers = new LinkedHashSet<>();
        if (clp != null && clp.get("protectedFields") instanceof Map<?, ?> entries) {
            entries.keySet().forEach(key -> {
                if (String.valueOf(key).startsWith(USER_FIELD)) {
                    pointers.add(String.valueOf(key).substring(USER_FIELD.length()));
                }
            });
        }
        return pointers;
    }

    private static boolean appliesTo(String entity, Principal principal) {
        if (entity.equals("*")) {
            return true;
        }
        if (!principal.isAuthenticated() || entity.startsWith(USER_FIELD)) {
            return false;
        }
        return entity.equals("authenticated") || principal.holds(entity) || principal.userId().get().equals(entity);
    }

    private static boolean namesUser(Object value, String userId) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(item -> namesUser(item, userId));
        }
        return value instanceof Map<?, ?> pointer && userId.equals(pointer.get("objectId"));
    }

    private static Set<String> fieldSet(Object fields) {
        Set<String> names = new LinkedHashSet<>();
        if (fields instanceof List<?> list) {
            list.forEach(name -> names.add(String.valueOf(name)));
        }
        return names;
    }

    private static Set<String> intersection(List<Set<String>> sets) {
        Optional<Set<String>> result = Optional.empty();
        for (Set<String> set : sets) {
            Set<String> next = new LinkedHashSet<>(result.orElse(set));
            next.retainAll(set);
            result = Optional.of(next);
        }
        return result.map(Set::copyOf).orElse(Set.of());
    }
}
