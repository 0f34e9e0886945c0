package dev.reparse.runtime.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who a non-master request acts as, for permission checks: a user (when logged in) and the roles
 * that user holds. Anonymous callers have neither.
 */
public record Principal(Optional<String> userId, Set<String> roleNames) {
    public Principal {
        userId = userId == null ? Optional.empty() : userId;
        roleNames = roleNames == null ? Set.of() : Set.copyOf(roleNames);
    }

    public static Principal anonymous() {
        return new Principal(Optional.empty(), Set.of());
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
