package dev.reparse.runtime.security;

import dev.reparse.protocol.ParsePointers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the CLP left of a principal's access to a class: everything, or only the objects whose
 * pointer fields ({@code pointerFields}, {@code readUserFields}, {@code writeUserFields}) point to
 * the user. The restriction becomes part of the query, so the store never returns, changes or
 * deletes anything else.
 *
 * @param userFields the pointer fields, any of which naming the user grants access; empty for none
 */
public record ClassAccess(List<String> userFields) {
    /** No pointer restriction. */
    public static final ClassAccess UNRESTRICTED = new ClassAccess(List.of());

    public ClassAccess {
        userFields = List.copyOf(userFields);
    }

    static ClassAccess restrictedTo(List<String> userFields) {
        return new ClassAccess(userFields);
    }

    public boolean restricted() {
        return !userFields.isEmpty();
    }

    /**
     * The where narrowed to objects a pointer field of which names the user: a Pointer&lt;_User&gt;
     * or Object field equal to the user's pointer, an Array field containing it; several fields are
     * alternatives ({@code $or}). Empty when nothing can match: no user to point to.
     *
     * @param fieldType the schema type of a field ({@code Pointer}, {@code Array}, ...), or null
     */
    public Optional<Map<String, Object>> constrain(Map<String, Object> where, Principal principal,
            Function<String, String> fieldType) {
        if (!restricted()) {
            return Optional.of(where);
        }
        if (principal.userId().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> userPointer = ParsePointers.of("_User", principal.userId().get());
        List<Object> alternatives = new ArrayList<>();
        for (String field : userFields) {
            Map<String, Object> clause = new LinkedHashMap<>();
            clause.put(field, "Array".equals(fieldType.apply(field)) ? Map.of("$all", List.of(userPointer)) : userPointer);
            alternatives.add(clause);
        }
        Map<String, Object> constrained = new LinkedHashMap<>();
        Object userClause = alternatives.size() == 1 ? alternatives.get(0) : Map.of("$or", alternatives);
        constrained.put("$and", List.of(where, userClause));
        return Optional.of(constrained);
    }

    /**
     * Whether one object (REST form) is within the access, decided in memory as {@link #constrain} decides in the
     * store: unrestricted, or a pointer field (or an array of pointers) names the user.
     */
    public boolean admits(Map<String, Object> object, Principal principal) {
        if (!restricted()) {
            return true;
        }
        if (principal.userId().isEmpty()) {
            return false;
        }
        String userId = principal.userId().get();
        return userFields.stream().anyMatch(field -> namesUser(object.get(field), userId));
    }

    private static boolean namesUser(Object value, String userId) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(item -> namesUser(item, userId));
        }
        return value instanceof Map<?, ?> pointer && userId.equals(pointer.get("objectId"));
    }
}
