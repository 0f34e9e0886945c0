package dev.reparse.runtime.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who a non-master request acts as, for permission checks: a user (when logged in) and the roles
 * that user holds, inherited ones included. Anonymous callers have neither.
 */
public record Principal(Optional<String> userId, Set<String> roleNames) {
    public Principal {
        userId = userId == null ? Optional.empty() : userId;
        roleNames = roleNames == null ? Set.of() : Set.copyOf(roleNames);
    }

    public static Principal anonymous() {
        return new Principal(Optional.empty(), Set.of());
    }

    /** A logged-in user holding these roles (names without {@code role:}). */
    public static Principal user(String userId, Set<String> roleNames) {
        return new Principal(Optional.of(userId), roleNames);
    }

    public boolean isAuthenticated() {
        return userId.isPresent();
    }

    /** Whether the user holds the role, given as {@code role:<name>}. */
    public boolean holds(String roleEntry) {
        return roleEntry.startsWith("role:") && roleNames.contains(roleEntry.substring("role:".length()));
    }

    /** The names an ACL or CLP entry may grant to: {@code *}, the user id, {@code role:<name>} per role. */
    public List<String> grantees() {
        List<String> names = new ArrayList<>();
        names.add("*");
        userId.ifPresent(names::add);
        roleNames.stream().sorted().forEach(role -> names.add("role:" + role));
        return names;
    }
}
