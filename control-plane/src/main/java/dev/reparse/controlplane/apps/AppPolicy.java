package dev.reparse.controlplane.apps;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the platform's operator lets an account change on its apps ({@code reparse.apps.*}).
 *
 * @param maxRequestsPerSecond the highest {@code requestsPerSecond} an account may set
 * @param accountSettable the writable fields an account may change; empty: all of them
 */
public record AppPolicy(int maxRequestsPerSecond, Optional<Set<String>> accountSettable) {
    public AppPolicy {
        Objects.requireNonNull(accountSettable, "accountSettable");
        if (maxRequestsPerSecond < 1) {
            throw new IllegalArgumentException("reparse.apps.max-requests-per-second must be at least 1");
        }
        accountSettable = accountSettable.map(Set::copyOf);
    }

    /** Everything writable, up to that many requests per second. */
    public static AppPolicy allowing(int maxRequestsPerSecond) {
        return new AppPolicy(maxRequestsPerSecond, Optional.empty());
    }

    boolean settable(String field) {
        return accountSettable.map(fields -> fields.contains(field)).orElse(true);
    }
}
