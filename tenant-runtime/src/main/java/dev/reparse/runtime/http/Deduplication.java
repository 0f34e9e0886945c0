package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.idempotency.IdempotencyConfig;
import dev.reparse.runtime.idempotency.RequestLog;
import java.util.List;

/**
 * Parse Server's request de-duplication at the HTTP edge: a POST or PUT on a configured path that
 * carries an {@code X-Parse-Request-Id} already seen within the TTL is answered with 159 "Duplicate
 * request" instead of running again. Only requests whose keys are valid are recorded; {@code /batch}
 * sub-requests are not de-duplicated, as in Parse Server.
 */
final class Deduplication {
    private final List<String> paths;
    private final IdempotencyConfig config;
    private volatile RequestLog log;
    private volatile ParseApi logFor;

    Deduplication(IdempotencyConfig config) {
        this.config = config;
        this.paths = config.paths().orElse(List.of());
    }

    /** Answers the request, or refuses it as a duplicate. */
    ApiResponse handle(ParseApi api, ApiRequest request, String requestId) {
        if (paths.isEmpty() || requestId == null || requestId.isEmpty()) {
            return api.handle(request);
        }
        RequestLog requests = logOf(api);
        if (!requests.covers(request.method(), request.path())) {
            return api.handle(request);
        }
        try {
            api.authenticator().authenticate(request.credentials());
        } catch (ParseException e) {
            return api.handle(request); // refused for its keys, as it would be without an ID; nothing recorded
        }
        try {
            requests.claim(requestId);
        } catch (ParseException e) {
            return ApiResponse.error(e);
        }
        return api.handle(request);
    }

    private RequestLog logOf(ParseApi api) {
        RequestLog current = log;
        if (current == null || logFor != api) {
            synchronized (this) {
                if (log == null || logFor != api) {
                    RequestLog created = new RequestLog(api.core().app(), paths, config.ttl());
                    created.prepare();
                    logFor = api;
                    log = created;
                }
                current = log;
            }
        }
        return current;
    }
}
