package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.QueryBounds;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Whether one Parse object matches a query's {@code where}, decided in memory, for LiveQuery: the object is in the
 * REST JSON form the API answers with ({@code objectId}, {@code createdAt} as an ISO string, pointers, dates, files
 * and geo points as {@code __type} maps). {@link #compile} refuses what it cannot decide with a Parse error.
 *
 * <p>The semantics are those of a REST find on the Mongo store: equality that also finds a value in an array,
 * dotted paths, {@code $lt $lte $gt $gte $eq $ne $in $nin $all $containedBy $exists $regex/$options},
 * {@code $relativeTime}, {@code $or $and $nor} and the geo operators. Operators that need other objects or the
 * text index ({@code $inQuery $notInQuery $select $dontSelect $relatedTo $text}) and unknown ones are refused with
 * 102; malformed operands get the code a REST find gives them. A value of another type than the operand does not
 * match; matching never throws. A compiled matcher is immutable and safe to share between threads.
 */
public final class QueryMatcher {
    private final Condition condition;
    private final Clock clock;

    private QueryMatcher(Condition condition, Clock clock) {
        this.condition = condition;
        this.clock = clock;
    }

    /** A matcher for {@code where} (null or empty: every object); throws code 102 for what it cannot match. */
    public static QueryMatcher compile(Map<String, Object> where) {
        return compile(where, QueryBounds.defaults(), Clock.systemUTC());
    }

    /**
     * A matcher that applies the app's query bounds (regex length and shape, list sizes) and reads "now" for
     * {@code $relativeTime} from {@code clock} at every match.
     */
    public static QueryMatcher compile(Map<String, Object> where, QueryBounds bounds, Clock clock) {
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(clock, "clock");
        if (where == null || where.isEmpty()) {
            return new QueryMatcher((object, now) -> true, clock);
        }
        return new QueryMatcher(new WhereCompiler(bounds).compile(where, 0), clock);
    }

    /** Whether {@code object} (REST JSON form) satisfies the where clause. */
    public boolean matches(Map<String, Object> object) {
        return object != null && condition.test(object, clock.instant());
    }

    /** 102 for an operator that needs other objects or the text index. */
    static ParseException needsDatabase(String operator) {
        return ParseException.invalidQuery("LiveQuery cannot match " + operator
                + ": it needs the database; subscribe with a query without it");
    }

    /** 102 for an operator Parse does not define. */
    static ParseException unknownOperator(String operator) {
        return ParseException.invalidQuery("LiveQuery cannot match the unknown operator " + operator);
    }
}
