package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.analytics.Analytics;
import dev.reparse.runtime.cloud.CloudFeature;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.FindRequest;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.core.RequestInfo;
import dev.reparse.runtime.email.EmailFlows;
import dev.reparse.runtime.files.FilesService;
import dev.reparse.runtime.graphql.GraphQLApi;
import dev.reparse.runtime.graphql.GraphQLOptions;
import dev.reparse.runtime.users.AnonymousAuthData;
import dev.reparse.runtime.users.Users;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Parse's REST routes over the transport-free core: matches a path, checks the keys, calls the
 * core and encodes the answer. Used for HTTP requests and for each request of a {@code /batch}.
 */
public final class ParseApi {
    private static final Logger LOG = Logger.getLogger(ParseApi.class);

    private final ParseCore core;
    private final UserRoutes userRoutes;
    private final Authenticator authenticator;
    private final BatchRunner batch;
    private final String mount;
    private final EmailFlows email;
    private final CloudRoutes cloud;
    private volatile CodeFiles codeFiles;
    private volatile Analytics analytics;
    private final GraphQLApi graphql;

    /** The API with users whose third-party logins are anonymous ones only. */
    public ParseApi(ParseCore core, String mount) {
        this(core, Users.install(core, new AnonymousAuthData()), mount);
    }

    public ParseApi(ParseCore core, Users users, String mount) {
        this(core, users, mount, null);
    }

    /** {@code email} null: the app has no email flows, and their routes answer Parse Server's error 1. */
    public ParseApi(ParseCore core, Users users, String mount, EmailFlows email) {
        this(core, users, mount, email, null);
    }

    /** {@code cloud} null: the app has no code and no webhooks; functions answer 141, jobs 141. */
    public ParseApi(ParseCore core, Users users, String mount, EmailFlows email, CloudFeature cloud) {
        this.core = core;
        this.email = email;
        this.cloud = new CloudRoutes(cloud);
        this.userRoutes = new UserRoutes(core, users, this::location);
        this.authenticator = new Authenticator(core.app().settingsSource(), users::authenticate, core.app().clock());
        this.batch = new BatchRunner(this, core.app().settings().limits().batchRequestLimit(), mount);
        this.mount = mount;
        this.graphql = new GraphQLApi(core, users, cloud);
    }

    /** The GraphQL API's guards (introspection, depth and field limits); its defaults until this is called. */
    public void useGraphQL(GraphQLOptions options) {
        graphql.useOptions(options);
    }

    /** The app's files, for {@code Parse.File} saves and deletes made by its Cloud Code. */
    public void useFiles(FilesService files, String appId) {
        this.codeFiles = files == null ? null : new CodeFiles(files, appId, core::triggers);
    }

    /** The app's analytics, for {@code /events}; without them, {@code /events} is not found. */
    public void useAnalytics(Analytics events) {
        this.analytics = events;
    }

    /** The app's triggers, for the files routes. */
    public dev.reparse.runtime.core.Triggers triggers() {
        return core.triggers();
    }

    /** Who a request's keys make its caller; the files routes check keys the same way. */
    Authenticator authenticator() {
        return authenticator;
    }

    /**
     * Whether a LiveQuery {@code connect} frame's keys admit the client, checked as a REST request's are (the app's
     * ID, the master key, the client keys when the app requires them): true for the master key, false for a client;
     * throws the refusal. The frame's session token is the connection's business, not the keys'.
     */
    public boolean liveQueryMaster(String applicationId, Map<String, String> keys, String installationId) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(applicationId, keys.get("masterKey"),
                keys.get("javascriptKey"), keys.get("restAPIKey"), keys.get("clientKey"), keys.get("windowsKey"), null,
                installationId);
        return authenticator.authenticate(credentials).master();
    }

    /** Fills, in place, the {@code url} of each file in a value sent outside a REST answer (LiveQuery events). */
    public void fillFileUrls(Object value, String baseUrl) {
        FileUrls.fill(value, baseUrl, core.app().settings().appId());
    }

    /** The core the routes call; for edge features that keep app state of their own (request de-duplication). */
    ParseCore core() {
        return core;
    }

    /** Answers one request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        return request.info().during(() -> answer(request));
    }

    private ApiResponse answer(ApiRequest request) {
        try {
            if (request.path().equals("/health")) {
                return ApiResponse.ok(Map.of("status", "ok"));
            }
            Auth auth = authenticator.authenticate(request.credentials());
            ApiResponse response = route(auth, request);
            return FileUrls.fill(response, request.baseUrl(), core.app().settings().appId());
        } catch (ParseException e) {
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected failure in %s %s", request.method(), request.path());
            return ApiResponse.error(new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error."));
        }
    }

    /**
     * Answers a request of the app's own code (its SDK calls, which reach the runtime over the runner's channel,
     * not HTTP): no keys are checked, the caller is who the code acts as — the master key, a session's user, or
     * nobody; {@code info} carries the code's context and the app's URL (for file URLs).
     */
    public Map<String, Object> handleFromCode(String method, String path, Map<String, Object> body, boolean master,
            String sessionToken, String installationId, RequestInfo info) {
        return info.during(() -> answerCode(method, path, body, master, sessionToken, installationId));
    }

    private Map<String, Object> answerCode(String method, String path, Map<String, Object> body, boolean master,
            String sessionToken, String installationId) {
        ApiResponse response;
        try {
            Optional<String> installation = Optional.ofNullable(installationId);
            Auth auth = master ? Auth.ofMaster(false, installation)
                    : sessionToken != null ? authenticator.authenticateSession(sessionToken, installation)
                    : Auth.ofPublic(installation);
            Map<String, Object> params = body;
            params.keySet().removeIf(key -> key.equals("_method") || key.equals("_context"));
            ApiRequest request = new ApiRequest(method.toUpperCase(java.util.Locale.ROOT), path, params,
                    ApiRequest.Credentials.none(), RequestInfo.current().baseUrl(), RequestInfo.current());
            CodeFiles files = codeFiles;
            response = files != null && path.startsWith("/files/") ? files.handle(auth, request)
                    : FileUrls.fill(route(auth, request), request.baseUrl(), core.app().settings().appId());
        } catch (ParseException e) {
            response = ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected failure in Cloud Code's %s %s", method, path);
            response = ApiResponse.error(new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error."));
        }
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("status", response.status());
        answer.put("body", response.body());
        answer.put("headers", response.headers());
        return answer;
    }

    /** Answers a request whose caller is already known: the batch's sub-requests. */
    ApiResponse route(Auth auth, ApiRequest request) {
        List<String> segments = segments(request.path());
        String method = request.method();
        String root = segments.isEmpty() ? "" : segments.get(0);
        int size = segments.size();
        return switch (root) {
            case "classes" -> isUserClass(segments) && method.equals("POST")
                    ? userRoutes.signUp(auth, request)
                    : classes(auth, method, segments, request);
            case "users", "login", "logout", "loginAs", "verifyPassword", "upgradeToRevocableSession",
                    "sessions" -> userRoutes.route(auth, method, segments, request);
            case "roles" -> classes(auth, method, asClassPath("_Role", segments), request);
            case "installations" -> classes(auth, method, asClassPath("_Installation", segments), request);
            case "batch" -> size == 1 && method.equals("POST")
                    ? ApiResponse.ok(batch.run(auth, request))
                    : notFound(request);
            case "schemas" -> schemas(auth, method, size == 2 ? segments.get(1) : null, request);
            case "config" -> config(auth, method, request);
            case "aggregate" -> size == 2 && method.equals("GET")
                    ? ApiResponse.ok(core.aggregate(auth, segments.get(1), request.params()))
                    : notFound(request);
            case "purge" -> size == 2 && method.equals("DELETE")
                    ? ApiResponse.ok(core.purge(auth, segments.get(1)))
                    : notFound(request);
            case "verificationEmailRequest", "requestPasswordReset" -> size == 1 && method.equals("POST")
                    ? emailRequest(auth, root, request)
                    : notFound(request);
            case "serverInfo" -> method.equals("GET") ? ApiResponse.ok(ServerInfo.of(auth)) : notFound(request);
            case "functions", "jobs", "cloud_code", "scriptlog", "hooks" -> cloud.route(auth, method, segments, request);
            case "events" -> events(auth, method, segments, request);
            case "graphql" -> size == 1 && (method.equals("POST") || method.equals("GET"))
                    ? graphql(auth, request)
                    : notFound(request);
            default -> notFound(request);
        };
    }

    /** {@code POST /events/<name>} records; {@code GET /events} and {@code GET /events/<name>} read (master key). */
    private ApiResponse events(Auth auth, String method, List<String> segments, ApiRequest request) {
        Analytics events = analytics;
        if (events == null) {
            return notFound(request);
        }
        if (segments.size() == 2 && method.equals("POST")) {
            return ApiResponse.ok(events.track(auth, segments.get(1), request.params()));
        }
        if (segments.size() == 1 && method.equals("GET")) {
            return ApiResponse.ok(events.names(auth, request.params()));
        }
        if (segments.size() == 2 && method.equals("GET")) {
            return ApiResponse.ok(events.series(auth, segments.get(1), request.params()));
        }
        return notFound(request);
    }

    /** {@code POST|GET /graphql}: the GraphQL API, with the caller these keys made, over the same core. */
    private ApiResponse graphql(Auth auth, ApiRequest request) {
        String appId = core.app().settings().appId();
        GraphQLApi.Answer answer = graphql.execute(auth, request.params(), value -> {
            FileUrls.fill(new ApiResponse(200, value, Map.of()), request.baseUrl(), appId);
            return value;
        });
        return new ApiResponse(answer.status(), answer.body(), Map.of());
    }

    /** Answers several creates in one class, stored together: one answer per request, in order. */
    List<ApiResponse> createAll(Auth auth, String className, List<ApiRequest> requests) {
        List<Object> outcomes = core.createAll(auth, className, requests.stream().map(ApiRequest::params).toList());
        List<ApiResponse> responses = new java.util.ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            responses.add(outcomes.get(i) instanceof ParseException error
                    ? ApiResponse.error(error)
                    : created(requests.get(i), className, castMap(outcomes.get(i))));
        }
        return responses;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private ApiResponse classes(Auth auth, String method, List<String> segments, ApiRequest request) {
        if (segments.size() == 2) {
            String className = segments.get(1);
            return switch (method) {
                case "GET" -> ApiResponse.ok(core.find(auth, className, FindRequest.fromParams(request.params())));
                case "POST" -> created(request, className, core.create(auth, className, request.params()));
                default -> notFound(request);
            };
        }
        if (segments.size() == 3) {
            String className = segments.get(1);
            String objectId = segments.get(2);
            return switch (method) {
                case "GET" -> ApiResponse.ok(core.get(auth, className, objectId, getOptions(request.params())));
                case "PUT" -> ApiResponse.ok(core.update(auth, className, objectId, request.params()));
                case "DELETE" -> {
                    core.delete(auth, className, objectId);
                    yield ApiResponse.ok(Map.of());
                }
                default -> notFound(request);
            };
        }
        return notFound(request);
    }

    /** Both answer {@code {}}; a reset request answers it whether or not the email belongs to anyone. */
    private ApiResponse emailRequest(Auth auth, String route, ApiRequest request) {
        if (email == null) {
            throw EmailFlows.notConfigured();
        }
        if (route.equals("requestPasswordReset")) {
            email.requestPasswordReset(request.params().get("email"),
                    user -> core.triggers().beforePasswordResetRequest(auth, user));
        } else {
            email.requestVerificationEmail(request.params().get("email"));
        }
        return ApiResponse.ok(Map.of());
    }

    private ApiResponse schemas(Auth auth, String method, String className, ApiRequest request) {
        return switch (method) {
            case "GET" -> ApiResponse.ok(className == null ? core.allSchemas(auth) : core.getSchema(auth, className));
            case "POST" -> ApiResponse.ok(core.createSchema(auth, className, request.params()));
            case "PUT" -> className == null ? notFound(request)
                    : ApiResponse.ok(core.updateSchema(auth, className, request.params()));
            case "DELETE" -> className == null ? notFound(request) : ApiResponse.ok(core.deleteSchema(auth, className));
            default -> notFound(request);
        };
    }

    private ApiResponse config(Auth auth, String method, ApiRequest request) {
        return switch (method) {
            case "GET" -> ApiResponse.ok(core.getConfig(auth));
            case "PUT" -> ApiResponse.ok(core.updateConfig(auth, request.params()));
            default -> notFound(request);
        };
    }

    /** A get accepts only the read options that make sense for one object. */
    static FindRequest getOptions(Map<String, Object> params) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (String name : List.of("keys", "excludeKeys", "include", "readPreference", "includeReadPreference")) {
            if (params.containsKey(name)) {
                options.put(name, params.get(name));
            }
        }
        return FindRequest.fromParams(options);
    }

    private ApiResponse created(ApiRequest request, String className, Map<String, Object> body) {
        return new ApiResponse(201, body, Map.of("Location", location(request, "/classes/" + className + "/"
                + body.get("objectId"))));
    }

    /** An absolute URL for a path under the mount, as the client reached the server. */
    private String location(ApiRequest request, String path) {
        return (request.baseUrl() == null ? mount : request.baseUrl()) + path;
    }

    /** {@code /roles[/:objectId]} is {@code /classes/_Role[/:objectId]}, as Parse Server's RolesRouter. */
    private static List<String> asClassPath(String className, List<String> segments) {
        List<String> path = new ArrayList<>(List.of("classes", className));
        path.addAll(segments.subList(1, segments.size()));
        return path;
    }

    /** {@code POST /classes/_User} is a signup, as {@code POST /users}. */
    private static boolean isUserClass(List<String> segments) {
        return segments.size() == 2 && segments.get(1).equals("_User");
    }

    /**
     * Every route that does not exist answers here, with a Parse error body ({@code code} 108, command
     * unavailable) so that SDKs report it instead of {@code ParseError: undefined}.
     */
    static ApiResponse notFound(ApiRequest request) {
        return new ApiResponse(404, Map.of("code", ParseErrorCode.COMMAND_UNAVAILABLE,
                "error", "Cannot " + request.method() + " " + request.path() + ": no such route"), Map.of());
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        List<String> segments = List.of(trimmed.split("/"));
        if (trimmed.indexOf('%') < 0 && trimmed.indexOf('+') < 0) {
            return segments;
        }
        return segments.stream().map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8)).toList();
    }
}
