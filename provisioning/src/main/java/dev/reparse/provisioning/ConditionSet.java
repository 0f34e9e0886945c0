package dev.reparse.provisioning;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of one reconciliation pass, started from the last observed ones: setting a
 * condition to the status it already has keeps its {@code lastTransitionTime}, as Kubernetes does,
 * so the time says when the fact last changed, not when it was last checked. Only the last pass's conditions count for
 * that: a step may set a condition twice within a pass (CloudCode: files in place, then what the runtime loaded).
 */
final class ConditionSet {
    static final String DATABASE = "Database";
    static final String BUCKET = "Bucket";
    static final String SECRETS = "Secrets";
    static final String CLOUD_CODE = "CloudCode";
    static final String RUNTIME = "Runtime";
    static final String ROUTE = "Route";
    static final String READY = "Ready";
    static final List<String> ORDER = List.of(DATABASE, BUCKET, SECRETS, CLOUD_CODE, RUNTIME, ROUTE,
            READY);

    private final Map<String, Condition> conditions = new LinkedHashMap<>();
    private final Map<String, Condition> previous = new LinkedHashMap<>();
    private final Clock clock;

    ConditionSet(List<Condition> previous, Clock clock) {
        this.clock = clock;
        previous.forEach(c -> conditions.put(c.type(), c));
        previous.forEach(c -> this.previous.put(c.type(), c));
    }

    void setTrue(String type, String reason, String message) {
        set(type, "True", reason, message);
    }

    void setFalse(String type, String reason, String message) {
        set(type, "False", reason, message);
    }

    void setUnknown(String type, String reason, String message) {
        set(type, "Unknown", reason, message);
    }

    /** Marks a step that this pass did not reach, unless an earlier pass observed it. */
    void setUnknownIfAbsent(String type, String reason, String message) {
        if (!conditions.containsKey(type)) {
            setUnknown(type, reason, message);
        }
    }

    private void set(String type, String status, String reason, String message) {
        Condition before = previous.get(type);
        java.time.Instant since = before != null && before.status().equals(status)
                ? before.lastTransitionTime() : clock.instant();
        conditions.put(type, new Condition(type, status, reason, message, since));
    }

    /** The conditions in step order, {@code Ready} last. */
    List<Condition> toList() {
        List<Condition> list = new ArrayList<>();
        for (String type : ORDER) {
            Condition condition = conditions.get(type);
            if (condition != null) {
                list.add(condition);
            }
        }
        return list;
    }
}
