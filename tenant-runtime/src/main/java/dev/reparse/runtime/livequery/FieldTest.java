package dev.reparse.runtime.livequery;

import dev.reparse.runtime.livequery.FieldPath.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * One operator's test over the values a path reaches, with Mongo's array rule: a positive test
 * matches when any reached value, or any element of a reached array, passes; {@code $ne} and
 * {@code $nin} are the negations of {@code $eq} and {@code $in} over the same values.
 */
@FunctionalInterface
interface FieldTest {
    boolean test(List<Candidate> candidates, Instant now);

    /** One value against a stored value; {@code topLevel} as in {@link Candidate}. */
    @FunctionalInterface
    interface ValueTest {
        boolean test(Object value, boolean topLevel, Instant now);
    }

    /** Passes when any value, or an element of an array value, passes {@code test}. */
    static FieldTest any(ValueTest test) {
        return (candidates, now) -> {
            for (Candidate candidate : candidates) {
                if (test.test(candidate.value(), candidate.topLevel(), now)) {
                    return true;
                }
                if (candidate.value() instanceof List<?> list) {
                    for (Object element : list) {
                        if (test.test(element, false, now)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        };
    }

    /** A geo test, which only a field's own value can pass. */
    static FieldTest topLevel(Predicate<Object> test) {
        return (candidates, now) -> {
            for (Candidate candidate : candidates) {
                if (candidate.topLevel() && test.test(candidate.value())) {
                    return true;
                }
            }
            return false;
        };
    }

    default FieldTest negate() {
        return (candidates, now) -> !test(candidates, now);
    }
}
