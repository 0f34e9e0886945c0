package dev.reparse.runtime.storage;

import java.util.List;
import java.util.Set;

/**
 * How a find reads its results.
 *
 * @param skip objects to skip, 0 or more
 * @param limit maximum objects to return, 0 or more
 * @param sort field names in order, {@code -} prefixed for descending; may name {@code createdAt}
 *     etc. in their REST spelling
 * @param keys the fields to return (plus {@code objectId}, {@code createdAt}, {@code updatedAt},
 *     {@code ACL}), or {@code null} for all
 */
public record QueryOptions(int skip, int limit, List<String> sort, Set<String> keys) {
    public QueryOptions {
        if (skip < 0 || limit < 0) {
            throw new IllegalArgumentException("skip and limit must not be negative");
        }
        sort = sort == null ? List.of() : List.copyOf(sort);
        keys = keys == null ? null : Set.copyOf(keys);
    }

    public static QueryOptions limit(int limit) {
        return new QueryOptions(0, limit, List.of(), null);
    }
}
