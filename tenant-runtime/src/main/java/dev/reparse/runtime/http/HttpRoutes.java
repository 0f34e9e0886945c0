package dev.reparse.runtime.http;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.RuntimeConfig;
import dev.reparse.runtime.RuntimeLifecycle;
import dev.reparse.runtime.core.RequestInfo;
import dev.reparse.runtime.idempotency.IdempotencyConfig;
import dev.reparse.runtime.requestlog.RequestNotes;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP edge: turns a Vert.x request into an {@link ApiRequest} (headers or the JS SDK's
 * {@code text/plain} body fields, {@code _method} overrides, CORS), hands it to the app's {@link
 * ParseApi} on a virtual thread, and writes the answer.
 */
@ApplicationScoped
final class HttpRoutes {
    static final String ALLOWED_HEADERS = "X-Parse-Master-Key, X-Parse-REST-API-Key, X-Parse-Javascript-Key, "
            + "X-Parse-Application-Id, X-Parse-Client-Version, X-Parse-Session-Token, X-Requested-With, "
            + "X-Parse-Revocable-Session, X-Parse-Request-Id, X-Parse-Installation-Id, X-Parse-Client-Key, "
            + "X-Parse-Windows-Key, X-Parse-Cloud-Context, Content-Type, Pragma, Cache-Control, "
            + "X-Parse-File-Metadata, X-Parse-File-Tags, X-Parse-Upload-Mode, Range";
    static final String EXPOSED_HEADERS = "X-Parse-Job-Status-Id, X-Parse-Push-Status-Id, "
            + "Content-Range, Accept-Ranges, Content-Length";
    /** Body fields that carry transport, not data: the JS SDK's way of sending headers. */
    private static final Set<String> META_FIELDS = Set.of("_method", "_ApplicationId", "_JavaScriptKey", "_ClientKey",
            "_MasterKey", "_RestAPIKey", "_WindowsKey", "_SessionToken", "_InstallationId", "_ClientVersion",
            "_context", "_RevocableSession", "_ContentType");

    /** Never shown to the app's code: the runner holds no master key. */
    private static final Set<String> SECRET_HEADERS = Set.of("x-parse-master-key", "x-parse-maintenance-key");

    private static final String GRAPHQL_PATH = "/graphql";

    private final RuntimeLifecycle lifecycle;
    private final RuntimeConfig config;
    private final Deduplication deduplication;

    HttpRoutes(RuntimeLifecycle lifecycle, RuntimeConfig config, IdempotencyConfig idempotency) {
        this.lifecycle = lifecycle;
        this.config = config;
        this.deduplication = new Deduplication(idempotency);
    }

    void install(@Observes Router router) {
        String mount = mountPath();
        router.route(mount + "/*")
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(this::handle)
                .failureHandler(this::fail);
        // Parse Server serves GraphQL at /graphql beside the mount by default; /<mount>/graphql works too
        router.route(GRAPHQL_PATH)
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(this::handle)
                .failureHandler(this::fail);
    }

    private String mountPath() {
        return lifecycle.mountPath();
    }

    private void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        addCorsHeaders(response);
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            response.setStatusCode(200).end();
            return;
        }
        ParseApi api = lifecycle.api();
        String full = ctx.request().path();
        String path = full.equals(GRAPHQL_PATH) && !full.startsWith(mountPath() + "/") ? full
                : full.substring(mountPath().length());
        if (api == null) {
            Object body = path.equals("/health") ? Map.of("status", "initialized")
                    : Map.of("code", 1, "error", "the server is starting");
            write(response, new ApiResponse(503, body, Map.of()));
            return;
        }
        Buffer body = ctx.body().buffer();
        AbandonedRequests.run(lifecycle.executor(), response, () -> {
            org.jboss.logging.MDC.put("appId", config.appId());
            ApiResponse answer;
            try {
                ApiRequest request = toApiRequest(ctx.request(), path, body);
                if (!request.method().equals(ctx.request().method().name())) {
                    RequestNotes.method(response, request.method());
                }
                answer = deduplication.handle(api, request, ctx.request().getHeader("X-Parse-Request-Id"));
            } catch (ParseException e) {
                answer = ApiResponse.error(e);
            }
            write(response, answer);
        });
    }

    /** Failures before the API is reached (an over-size body, a broken connection) still answer as Parse does. */
    private void fail(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        addCorsHeaders(response);
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        ParseException error = status == 413
                ? new ParseException(dev.reparse.protocol.ParseErrorCode.OBJECT_TOO_LARGE, "request entity too large", 413)
                : new ParseException(dev.reparse.protocol.ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error.",
                        status);
        write(response, ApiResponse.error(error));
    }

    private ApiRequest toApiRequest(HttpServerRequest request, String path, Buffer body) {
        String method = request.method().name();
        Map<String, Object> fields = body == null || body.length() == 0 ? new LinkedHashMap<>()
                : new LinkedHashMap<>(Json.parseObject(body.getBytes()));
        if (fields.get("_method") instanceof String override && method.equals("POST")) {
            method = override.toUpperCase(java.util.Locale.ROOT);
        }
        ApiRequest.Credentials credentials = credentials(request.headers(), fields);
        Object context = fields.get("_context");
        fields.keySet().removeAll(META_FIELDS);
        Map<String, Object> params = fields;
        // a read tunnelled as POST {"_method":"GET"} (the JS SDK, Parse Dashboard) keeps its URL's parameters too
        if (method.equals("GET") || method.equals("DELETE")) {
            params = new LinkedHashMap<>();
            for (Map.Entry<String, String> param : request.params()) {
                params.putIfAbsent(param.getKey(), param.getValue());
            }
            params.putAll(fields);
        }
        String baseUrl = request.scheme() + "://" + request.authority() + mountPath();
        return new ApiRequest(method, path, params, credentials, baseUrl, requestInfo(request, context, baseUrl));
    }

    /** What the app's code sees of the request: the SDK's context (body or header), the address, the headers. */
    private static RequestInfo requestInfo(HttpServerRequest request, Object bodyContext, String baseUrl) {
        Map<String, Object> context = bodyContext instanceof Map<?, ?> map ? castMap(map) : null;
        String header = request.getHeader("X-Parse-Cloud-Context");
        if (context == null && header != null) {
            try {
                if (Json.parse(header) instanceof Map<?, ?> map) {
                    context = castMap(map);
                }
            } catch (ParseException e) {
                throw new ParseException(dev.reparse.protocol.ParseErrorCode.INVALID_JSON,
                        "Invalid object for context.");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : request.headers()) {
            String name = entry.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!SECRET_HEADERS.contains(name)) {
                headers.putIfAbsent(name, entry.getValue());
            }
        }
        return new RequestInfo(context, clientAddress(request), headers, baseUrl);
    }

    /** The client's address; behind a local proxy (the router), the one it forwarded. */
    private static String clientAddress(HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && remote != null && (remote.startsWith("127.") || remote.equals("0:0:0:0:0:0:0:1"))) {
            return forwarded.split(",")[0].trim();
        }
        return remote;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    static ApiRequest.Credentials credentials(MultiMap headers, Map<String, Object> body) {
        return new ApiRequest.Credentials(
                either(headers, "X-Parse-Application-Id", body, "_ApplicationId"),
                either(headers, "X-Parse-Master-Key", body, "_MasterKey"),
                either(headers, "X-Parse-Javascript-Key", body, "_JavaScriptKey"),
                either(headers, "X-Parse-REST-API-Key", body, "_RestAPIKey"),
                either(headers, "X-Parse-Client-Key", body, "_ClientKey"),
                either(headers, "X-Parse-Windows-Key", body, "_WindowsKey"),
                either(headers, "X-Parse-Session-Token", body, "_SessionToken"),
                either(headers, "X-Parse-Installation-Id", body, "_InstallationId"));
    }

    private static String either(MultiMap headers, String header, Map<String, Object> body, String field) {
        String value = headers.get(header);
        if (value != null) {
            return value;
        }
        return body.get(field) instanceof String text ? text : null;
    }

    private void addCorsHeaders(HttpServerResponse response) {
        addCorsHeaders(response, config.corsAllowOrigin());
    }

    /** Parse Server's CORS answer, with the files routes' headers, for every route under the mount. */
    static void addCorsHeaders(HttpServerResponse response, String allowOrigin) {
        response.putHeader("Access-Control-Allow-Origin", allowOrigin);
        response.putHeader("Access-Control-Allow-Methods", "GET,PUT,POST,DELETE,OPTIONS");
        response.putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    /** Writes a JSON answer; a response already streaming (its head sent) can only be closed. */
    static void write(HttpServerResponse response, ApiResponse answer) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (response.headWritten()) {
            // a download that broke off mid-stream: the status is gone, so end the exchange where the client sees it
            response.close();
            return;
        }
        byte[] bytes = Json.write(answer.body());
        RequestNotes.refusal(response, answer.status(), answer.body(), answer.reason());
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.putHeader("Content-Type", "application/json; charset=utf-8");
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.end(Buffer.buffer(bytes));
    }
}
