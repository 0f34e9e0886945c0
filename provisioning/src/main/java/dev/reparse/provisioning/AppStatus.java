package dev.reparse.provisioning;

import java.util.List;
import java.util.Optional;

/**
 * What reconciliation last observed for an app: its conditions, the spec generation they
 * reflect, and where its runtime answers (absent until it does).
 */
public record AppStatus(String applicationId, long observedGeneration, List<Condition> conditions,
        Optional<String> upstream) {
    public AppStatus {
        conditions = List.copyOf(conditions);
        upstream = upstream == null ? Optional.empty() : upstream;
    }

    /** The condition of that type, when reconciliation has recorded one. */
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** Whether the app serves requests: its {@code Ready} condition is {@code True}. */
    public boolean ready() {
        return condition("Ready").map(c -> c.status().equals("True")).orElse(false);
    }
}
