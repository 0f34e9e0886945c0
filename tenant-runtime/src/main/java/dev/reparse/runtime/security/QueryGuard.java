package dev.reparse.runtime.security;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses queries that would probe fields the caller may not see: a protected field, or one only
 * the master key may query ({@code _User}'s {@code authData}, {@code sessionToken}, {@code password}),
 * named anywhere a query can name a field — a where key at any {@code $or}/{@code $and}/{@code $nor}
 * depth, with any operator ({@code $exists}, {@code $regex}, ...), through dot notation, a sort key,
 * or the key a {@code $select} reads.
 *
 * <p>Stricter than Parse Server, which checks only the top-level where keys, so that a client can
 * learn a protected value by sorting on it, by {@code $or}-nesting, by dot notation or through
 * {@code $select}. Answers 119 "This user is not allowed to query X on class Y." as Parse Server
 * does for the top-level case.
 */
public final class QueryGuard {
    private static final Set<String> LOGICAL = Set.of("$or", "$and", "$nor");

    private QueryGuard() {
    }

    /** Checks every field a where names; {@code hidden} from {@link ProtectedFields#hiddenFrom}. */
    public static void checkWhere(String className, Map<?, ?> where, Set<String> hidden) {
        for (Map.Entry<?, ?> entry : where.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (LOGICAL.contains(key) && entry.getValue() instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Map<?, ?> map) {
                        checkWhere(className, map, hidden);
                    }
                }
            } else if (!key.startsWith("$")) {
                checkField(className, key, hidden);
            }
        }
    }

    /** Checks sort keys ({@code -} for descending). */
    public static void checkOrder(String className, List<String> order, Set<String> hidden) {
        for (String key : order) {
            checkField(className, key.startsWith("-") ? key.substring(1) : key, hidden);
        }
    }

    /** Checks one field path, by its top-level field. */
    public static void checkField(String className, String path, Set<String> hidden) {
        String root = path.split("\\.", 2)[0];
        if (hidden.contains(root) || SensitiveFields.masterOnlyQuery(className).contains(root)) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
                    "This user is not allowed to query " + root + " on class " + className + ".");
        }
    }
}
