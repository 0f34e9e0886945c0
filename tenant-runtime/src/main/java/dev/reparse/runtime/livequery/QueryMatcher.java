package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Whether one Parse object matches a query's {@code where}, decided in memory, for LiveQuery: the object is in the
 * REST JSON form the API answers with ({@code objectId}, {@code createdAt} as an ISO string, pointers, dates, files
 * and geo points as {@code __type} maps). {@link #compile} refuses what it cannot decide with a Parse error.
 *
 * <p>Contract shared by the LiveQuery server and the matcher's own work: this skeleton matches top-level equality
 * only; the full operator set replaces its body without changing these two signatures.
 */
public final class QueryMatcher {
    private final Map<String, Object> where;

    private QueryMatcher(Map<String, Object> where) {
        this.where = where;
    }

    /** A matcher for {@code where} (null or empty: every object); throws code 102 for what it cannot match. */
    public static QueryMatcher compile(Map<String, Object> where) {
        Map<String, Object> clause = where == null ? Map.of() : where;
        for (Map.Entry<String, Object> entry : clause.entrySet()) {
            if (entry.getKey().startsWith("$") || entry.getValue() instanceof Map<?, ?> map && !map.containsKey("__type")) {
                throw new ParseException(ParseErrorCode.INVALID_QUERY, "LiveQuery does not support " + entry.getKey()
                    + " yet");
            }
        }
        return new QueryMatcher(Map.copyOf(clause));
    }

    /** Whether {@code object} (REST JSON form) satisfies the where clause. */
    public boolean matches(Map<String, Object> object) {
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            if (!Objects.equals(object.get(entry.getKey()), entry.getValue())) {
                return false;
            }
        }
        return true;
    }
}
