package dev.reparse.router.proxy;

import dev.reparse.protocol.ParseErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The answers the router gives itself, in Parse's error shapes. Browsers must be able to read them, so they carry
 * the CORS headers a runtime would have sent. A body the client is still sending is dropped after the answer (see
 * {@link Exchange#planLeftover()}), never forwarded.
 */
final class ProxyAnswers {
    static final String ALLOWED_METHODS = "GET,PUT,POST,DELETE,OPTIONS";
    /** parse.com's message for error 155 (the Parse docs' error table: "This application has exceeded its request limit"). */
    static final String LIMIT_MESSAGE = "This application has exceeded its request limit.";

    private ProxyAnswers() {
    }

    /** Parse Server's answer to a request without a known application ID: 403 with no code. */
    static void unauthorized(Exchange exchange) {
        send(exchange, 403, new JsonObject().put("error", "unauthorized"));
    }

    /**
     * The app exists (or may: the router has no route table yet) but cannot answer now: 503 with Parse's
     * internal-server-error code 1 (Parse has no "unavailable" code). The SDKs retry 5xx answers with backoff, which
     * is what a starting or restarting runtime wants.
     */
    static void unavailable(Exchange exchange, String message) {
        exchange.response.putHeader("Retry-After", "1");
        send(exchange, 503, new JsonObject().put("code", ParseErrorCode.INTERNAL_SERVER_ERROR).put("error", message));
    }

    /** The runtime did not start its answer in time: 504 with Parse's timeout error 124. */
    static void timedOut(Exchange exchange) {
        send(exchange, 504, new JsonObject().put("code", ParseErrorCode.TIMEOUT)
                .put("error", "The app's server did not answer in time."));
    }

    /** The app is over its plan's request limit: 429 with parse.com's error 155. */
    static void overLimit(Exchange exchange) {
        exchange.response.putHeader("Retry-After", "1");
        send(exchange, 429, new JsonObject().put("code", ParseErrorCode.REQUEST_LIMIT_EXCEEDED).put("error", LIMIT_MESSAGE));
    }

    /**
     * A CORS preflight that names no app (preflights carry no {@code X-Parse-*} headers and no body): answered here
     * the way a runtime would, allowing the headers the browser asks for.
     */
    static void preflight(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        HttpServerResponse response = exchange.response;
        String asked = request.getHeader("Access-Control-Request-Headers");
        if (asked != null) {
            response.putHeader("Access-Control-Allow-Headers", asked);
        }
        response.putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.putHeader("Access-Control-Allow-Origin", "*");
        response.putHeader("Access-Control-Max-Age", "86400");
        exchange.planLeftover();
        response.setStatusCode(200).end();
    }

    private static void send(Exchange exchange, int status, JsonObject body) {
        HttpServerResponse response = exchange.response;
        if (response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        exchange.planLeftover();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(body.toBuffer());
    }
}
