package dev.reparse.runtime.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.ExecutionResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses, before anything runs, what a request without the master key may not ask: introspection (unless public)
 * and selections deeper or wider than the limits; the errors and their texts are Parse Server 9's, with the HTTP
 * status it answers in {@code extensions.http.status} (taken off before the answer is sent).
 */
final class RequestGuard extends SimplePerformantInstrumentation {
    static final String MASTER = "reparse.graphql.master";

    private final GraphQLOptions options;

    RequestGuard(GraphQLOptions options) {
        this.options = options;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters params,
            InstrumentationState state) {
        ExecutionContext execution = params.getExecutionContext();
        if (Boolean.TRUE.equals(execution.getGraphQLContext().get(MASTER))) {
            return super.beginExecuteOperation(params, state);
        }
        Map<String, FragmentDefinition> fragments = execution.getFragmentsByName();
        SelectionSet operation = execution.getOperationDefinition().getSelectionSet();
        if (!options.publicIntrospection() && introspects(operation, fragments, new HashSet<>())) {
            throw refusal("Introspection is not allowed", 403);
        }
        Shape shape = new Shape();
        shape.visit(operation, 0, fragments, new HashSet<>());
        if (options.maxDepth() >= 0 && shape.depth > options.maxDepth()) {
            throw refusal("GraphQL query depth of " + shape.depth + " exceeds maximum allowed depth of "
                    + options.maxDepth(), 400);
        }
        if (options.maxFields() >= 0 && shape.fields > options.maxFields()) {
            throw refusal("Number of GraphQL fields (" + shape.fields + ") exceeds maximum allowed ("
                    + options.maxFields() + ")", 400);
        }
        return super.beginExecuteOperation(params, state);
    }

    private static AbortExecutionException refusal(String message, int status) {
        GraphQLError error = GraphqlErrorBuilder.newError().message(message).errorType(ErrorType.ExecutionAborted)
                .extensions(Map.of("http", Map.of("status", status))).build();
        return new AbortExecutionException(List.of(error));
    }

    /** Whether any field, at any depth, is {@code __schema} or {@code __type}. */
    private static boolean introspects(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        if (set == null) {
            return false;
        }
        for (Selection<?> selection : set.getSelections()) {
            boolean found = switch (selection) {
                case Field field -> field.getName().equals("__schema") || field.getName().equals("__type")
                        || introspects(field.getSelectionSet(), fragments, seen);
                case InlineFragment inline -> introspects(inline.getSelectionSet(), fragments, seen);
                case FragmentSpread spread -> seen.add(spread.getName()) && fragments.containsKey(spread.getName())
                        && introspects(fragments.get(spread.getName()).getSelectionSet(), fragments, seen);
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Depth and field count as Parse Server counts them: each field one, fragments counted where spread. */
    private final class Shape {
        private int depth;
        private int fields;

        void visit(SelectionSet set, int level, Map<String, FragmentDefinition> fragments, Set<String> path) {
            if (set == null || tooBig()) {
                return;
            }
            for (Selection<?> selection : set.getSelections()) {
                switch (selection) {
                    case Field field -> {
                        fields++;
                        depth = Math.max(depth, level + 1);
                        visit(field.getSelectionSet(), level + 1, fragments, path);
                    }
                    case InlineFragment inline -> visit(inline.getSelectionSet(), level, fragments, path);
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = fragments.get(spread.getName());
                        if (fragment != null && path.add(spread.getName())) {
                            visit(fragment.getSelectionSet(), level, fragments, path);
                            path.remove(spread.getName());
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        /** Counting stops once a limit is passed, so a huge request costs no more than a refused one. */
        private boolean tooBig() {
            return options.maxFields() >= 0 && fields > options.maxFields()
                    || options.maxDepth() >= 0 && depth > options.maxDepth();
        }
    }
}
