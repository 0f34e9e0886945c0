package dev.reparse.runtime.livequery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One compiled part of a where clause, tested against an object at an instant ({@code $relativeTime}'s now). */
@FunctionalInterface
interface Condition {
    boolean test(Map<String, Object> object, Instant now);

    static Condition all(List<Condition> conditions) {
        return (object, now) -> {
            for (Condition condition : conditions) {
                if (!condition.test(object, now)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Condition any(List<Condition> conditions) {
        return (object, now) -> {
            for (Condition condition : conditions) {
                if (condition.test(object, now)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Condition none(List<Condition> conditions) {
        Condition any = any(conditions);
        return (object, now) -> !any.test(object, now);
    }
}
