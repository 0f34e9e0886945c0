package dev.reparse.runtime.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated queries of one schema, by their text: apps send the same few queries again and again, and
 * parsing and validating them is most of a small request's cost. One per schema (validation depends on it), bounded.
 */
final class ParsedQueries implements PreparsedDocumentProvider {
    private static final int MAX_QUERIES = 1_000;
    /** Longer queries are parsed each time rather than held. */
    private static final int MAX_QUERY_LENGTH = 20_000;

    private final Cache<String, PreparsedDocumentEntry> parsed = Caffeine.newBuilder().maximumSize(MAX_QUERIES).build();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > MAX_QUERY_LENGTH) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        return CompletableFuture.completedFuture(parsed.get(query, text -> parseAndValidate.apply(input)));
    }
}
