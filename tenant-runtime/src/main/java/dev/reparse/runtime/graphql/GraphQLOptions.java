package dev.reparse.runtime.graphql;

/**
 * How the app's GraphQL API guards itself.
 *
 * @param publicIntrospection whether requests without the master key may introspect the schema (Parse Server's
 *     {@code graphQLPublicIntrospection}; default off)
 * @param maxDepth the deepest selection a request without the master key may make (Parse Server's
 *     {@code requestComplexity.graphQLDepth}); -1 for no limit
 * @param maxFields the most fields a request without the master key may select (Parse Server's
 *     {@code requestComplexity.graphQLFields}); -1 for no limit
 */
public record GraphQLOptions(boolean publicIntrospection, int maxDepth, int maxFields) {
    /** Introspection for the master key only; at most 15 levels and 500 fields. */
    public static GraphQLOptions defaults() {
        return new GraphQLOptions(false, 15, 500);
    }
}
