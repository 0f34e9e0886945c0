package dev.reparse.runtime.http;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /batch}: runs each sub-request through the same routes, in order, as the batch's
 * caller, and answers {@code [{"success": ...} | {"error": {code, error}}]}.
 */
final class BatchRunner {
    private final ParseApi api;
    private final int requestLimit;
    private final String mount;

    BatchRunner(ParseApi api, int requestLimit, String mount) {
        this.api = api;
        this.requestLimit = requestLimit;
        this.mount = mount;
    }

    List<Object> run(Auth auth, ApiRequest batch) {
        List<Object> requests = Json.asList(batch.params().get("requests"), ParseErrorCode.INVALID_JSON,
                "requests must be an array");
        if (requests.size() > requestLimit) {
            throw new ParseException(ParseErrorCode.INVALID_JSON,
                    "Batch request limit exceeded: at most " + requestLimit + " requests are allowed.");
        }
        List<ApiRequest> parsed = new ArrayList<>();
        for (Object request : requests) {
            parsed.add(subRequest(batch, request));
        }
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); ) {
            String className = createdClass(parsed.get(i));
            int end = i + 1;
            while (className != null && end < parsed.size() && className.equals(createdClass(parsed.get(end)))) {
                end++;
            }
            if (end - i > 1) {
                // consecutive creates in one class are stored in one round trip
                for (ApiResponse response : api.createAll(auth, className, parsed.subList(i, end))) {
                    results.add(outcome(response));
                }
            } else {
                results.add(outcome(auth, parsed.get(i)));
            }
            i = end;
        }
        return results;
    }

    /** The class a sub-request creates an object in, or null when it is not a create. */
    private static String createdClass(ApiRequest request) {
        if (!request.method().equals("POST") || !request.path().startsWith("/classes/")) {
            return null;
        }
        String className = request.path().substring("/classes/".length());
        return className.isEmpty() || className.contains("/") ? null : className;
    }

    /** One sub-request's answer; its failure is reported in place and does not stop the batch. */
    private Object outcome(Auth auth, ApiRequest request) {
        ApiResponse response;
        try {
            response = api.route(auth, request);
        } catch (ParseException e) {
            response = ApiResponse.error(e);
        }
        return outcome(response);
    }

    private static Object outcome(ApiResponse response) {
        return response.status() < 300 ? Map.of("success", response.body()) : Map.of("error", response.body());
    }

    private ApiRequest subRequest(ApiRequest batch, Object raw) {
        Map<String, Object> request = Json.asObject(raw, ParseErrorCode.INVALID_JSON, "batch requests must be objects");
        String method = String.valueOf(request.get("method")).toUpperCase(java.util.Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "batch request method must be GET, POST, PUT or DELETE");
        }
        String path = routablePath(request.get("path"));
        if (path.equals("/batch") || path.startsWith("/batch/")) {
            throw new ParseException(ParseErrorCode.INVALID_JSON, "a batch cannot contain a batch");
        }
        Object body = request.get("body");
        Map<String, Object> params = body == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(Json.asObject(body, ParseErrorCode.INVALID_JSON, "batch body must be an object"));
        return new ApiRequest(method, path, params, batch.credentials(), batch.baseUrl(), batch.info());
    }

    /** Sub-request paths carry the mount ({@code /parse/classes/X}), as the SDKs send them and Parse Server requires. */
    private String routablePath(Object raw) {
        if (raw instanceof String path && (path.equals(mount) || path.startsWith(mount + "/"))) {
            return path.substring(mount.length());
        }
        throw new ParseException(ParseErrorCode.INVALID_JSON, "cannot route batch path " + raw);
    }
}
