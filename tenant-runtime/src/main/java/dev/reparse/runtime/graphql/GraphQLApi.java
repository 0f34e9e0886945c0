package dev.reparse.runtime.graphql;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.cloud.CloudFeature;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.users.Users;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Parse Server 9's GraphQL API for one app ({@code POST /graphql}): the schema generated from the app's classes,
 * rebuilt when they change, executed with the caller the REST edge authenticated, over the same core.
 */
public final class GraphQLApi {
    private static final Logger LOG = Logger.getLogger(GraphQLApi.class);

    private final ParseCore core;
    private final Users users;
    private final CloudFeature cloud;
    private volatile GraphQLOptions options = GraphQLOptions.defaults();
    private volatile Built built;

    /** {@code cloud} null: the app has no code and no webhooks, and the schema no {@code callCloudCode}. */
    public GraphQLApi(ParseCore core, Users users, CloudFeature cloud) {
        this.core = Objects.requireNonNull(core, "core");
        this.users = Objects.requireNonNull(users, "users");
        this.cloud = cloud;
    }

    /** The guards to apply from now on. */
    public void useOptions(GraphQLOptions guards) {
        this.options = Objects.requireNonNull(guards, "options");
        this.built = null;
    }

    /** A GraphQL answer: the HTTP status and the {@code {data, errors}} body. */
    public record Answer(int status, Map<String, Object> body) {
    }

    /**
     * Runs one request ({@code query}, {@code variables}, {@code operationName}) as {@code auth}; never throws a
     * Parse error for what the request asks (those are GraphQL errors with the Parse code in {@code extensions}).
     *
     * @param fileUrls fills the URLs of the Parse files in a REST answer
     */
    public Answer execute(Auth auth, Map<String, Object> params, UnaryOperator<Object> fileUrls) {
        if (!(params.get("query") instanceof String query) || query.isBlank()) {
            return refused(400, "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.");
        }
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(params.get("operationName") instanceof String name ? name : null)
                .variables(variables(params.get("variables")))
                .graphQLContext(Map.of(Call.KEY, new Call(auth, auth.installationId(), fileUrls),
                        RequestGuard.MASTER, auth.master()))
                .build();
        ExecutionResult result = current().execute(input);
        return answer(result);
    }

    /** The schema of the app's classes as they are now, built again only when they (or its functions) changed. */
    private GraphQL current() {
        List<ClassSchema> classes = core.app().schemas().all();
        Set<String> functions = cloud == null ? Set.of() : cloud.functionNames();
        Built now = built;
        if (now != null && now.classes().equals(classes) && now.functions().equals(functions)) {
            return now.graphql();
        }
        graphql.schema.GraphQLSchema schema;
        try {
            schema = AppSchema.build(core, users, cloud, classes, functions);
        } catch (RuntimeException e) {
            LOG.error("the app's GraphQL schema could not be built", e);
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "the GraphQL schema could not be built");
        }
        GraphQL graphql = GraphQL.newGraphQL(schema)
                .instrumentation(new RequestGuard(options))
                .defaultDataFetcherExceptionHandler(errors())
                .preparsedDocumentProvider(new ParsedQueries())
                .build();
        built = new Built(classes, functions, graphql);
        LOG.debugf("GraphQL schema built for %d classes", classes.size());
        return graphql;
    }

    private record Built(List<ClassSchema> classes, Set<String> functions, GraphQL graphql) {
    }

    /** A resolver's Parse error keeps its code (in {@code extensions.code}); anything else is code 1, logged. */
    private static DataFetcherExceptionHandler errors() {
        return params -> {
            Throwable thrown = params.getException();
            while (thrown instanceof CompletionException && thrown.getCause() != null) {
                thrown = thrown.getCause();
            }
            ParseException parse = thrown instanceof ParseException e ? e : null;
            if (parse == null) {
                LOG.errorf(thrown, "unexpected failure in GraphQL field %s", params.getPath());
                parse = new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
            }
            GraphQLError error = GraphqlErrorBuilder.newError()
                    .message(parse.getMessage())
                    .path(params.getPath())
                    .location(params.getSourceLocation())
                    .extensions(Map.of("code", parse.code()))
                    .build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        };
    }

    private static Map<String, Object> variables(Object value) {
        Object parsed = value instanceof String text && !text.isBlank() ? Json.parse(text) : value;
        return parsed instanceof Map<?, ?> map ? WhereInput.castMap(map) : Map.of();
    }

    /** The spec's answer; the HTTP status is a refusal's own, 400 when nothing ran (a syntax or validation error). */
    private static Answer answer(ExecutionResult result) {
        Map<String, Object> body = result.toSpecification();
        if (body.containsKey("data")) {
            body.put("data", wholeNumbers(body.get("data")));
        }
        int status = result.isDataPresent() ? 200 : 400;
        if (body.get("errors") instanceof List<?> errors) {
            List<Object> shown = new ArrayList<>();
            for (Object item : errors) {
                Map<String, Object> error = new LinkedHashMap<>(WhereInput.castMap(item));
                Map<String, Object> extensions = error.get("extensions") instanceof Map<?, ?> map
                        ? new LinkedHashMap<>(WhereInput.castMap(map)) : new LinkedHashMap<>();
                if (extensions.remove("http") instanceof Map<?, ?> http && http.get("status") instanceof Integer code) {
                    status = code;
                }
                Object classification = extensions.remove("classification");
                if (!extensions.containsKey("code") && classification != null) {
                    extensions.put("code", apolloCode(String.valueOf(classification)));
                }
                error.put("extensions", extensions);
                if (error.get("locations") instanceof List<?> locations && locations.isEmpty()) {
                    error.remove("locations");
                }
                shown.add(error);
            }
            body.put("errors", shown);
        }
        return new Answer(status, body);
    }

    /**
     * Floats that hold whole numbers written as such ({@code 10}, not {@code 10.0}), as JavaScript writes them: Parse
     * numbers are JavaScript numbers, and GraphQL's {@code Float} makes every one a double.
     */
    private static Object wholeNumbers(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 9.007199254740992E15) {
            return number.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), wholeNumbers(child)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(child -> copy.add(wholeNumbers(child)));
            return copy;
        }
        return value;
    }

    /** The codes Apollo Server (Parse Server's GraphQL server) gives errors that are not Parse errors. */
    private static String apolloCode(String classification) {
        return switch (classification) {
            case "InvalidSyntax" -> "GRAPHQL_PARSE_FAILED";
            case "ValidationError" -> "GRAPHQL_VALIDATION_FAILED";
            case "ExecutionAborted" -> "INTERNAL_SERVER_ERROR";
            default -> "BAD_USER_INPUT";
        };
    }

    private static Answer refused(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", "BAD_REQUEST"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(error));
        return new Answer(status, body);
    }
}
