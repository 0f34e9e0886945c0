package dev.reparse.router.proxy;

import dev.reparse.router.routes.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import java.net.URI;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Streams one HTTP exchange to the app's runtime and back. Both bodies go through Vert.x pipes, which pause the
 * sending side while the receiving side's write queue is full, so a 1 GB file passes in constant memory. Connections
 * come from the client's pool, which Vert.x keeps per runtime address. The runtime may answer before it has the whole
 * body (a refused upload): that answer is relayed as it is, and only a runtime that gives none yields a 503.
 */
final class HttpForwarder {
    static final String UNREACHABLE = "The app's server is unavailable; try again shortly.";
    private static final String NO_ANSWER = "The app's server failed to answer; try again shortly.";
    private static final Logger LOG = Logger.getLogger(HttpForwarder.class);

    private final HttpClient client;

    HttpForwarder(HttpClient client) {
        this.client = client;
    }

    /** Forwards the exchange, with what was already read of its body ahead of the rest. */
    void forward(Exchange exchange, Route route, ReadBody read) {
        HttpServerRequest request = exchange.request;
        URI upstream = route.upstream().orElseThrow();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstream.getHost())
                .setPort(upstream.getPort() < 0 ? 80 : upstream.getPort()).setURI(request.uri());
        exchange.connecting();
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                LOG.debugf("app %s: cannot reach %s: %s", route.applicationId(), upstream, connected.cause());
                read.discard();
                ProxyAnswers.unavailable(exchange, UNREACHABLE);
                return;
            }
            HttpClientRequest upstreamRequest = connected.result();
            if (exchange.responseDone()) {
                // the client left, or the wait for a connection timed out, in the meantime
                read.discard();
                upstreamRequest.reset();
                return;
            }
            exchange.forwarding(upstreamRequest, route.applicationId());
            ForwardHeaders.copyRequest(request, upstreamRequest.headers());
            if (request.authority() != null) {
                upstreamRequest.authority(request.authority());
            }
            upstreamRequest.response().onComplete(answered -> {
                if (answered.succeeded()) {
                    relayResponse(exchange, answered.result());
                } else if (!exchange.responseDone() && !exchange.response.headWritten()) {
                    LOG.debugf("app %s: no answer from %s: %s", route.applicationId(), upstream, answered.cause());
                    ProxyAnswers.unavailable(exchange, NO_ANSWER);
                }
            });
            sendBody(exchange, upstreamRequest, read);
        });
    }

    private static void sendBody(Exchange exchange, HttpClientRequest upstream, ReadBody read) {
        HttpServerRequest request = exchange.request;
        if (read == ReadBody.NONE && bodiless(request)) {
            // most API calls (GET, DELETE): no pipe to set up, only the request's end to take in
            request.resume();
            upstream.end();
            exchange.bodySent();
            return;
        }
        boolean inOneWrite = read.complete() && read.spill() == null;
        if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null && !inOneWrite && mayHaveBody(request)) {
            upstream.setChunked(true);
        }
        SpillFile spill = read.spill();
        if (spill != null) {
            exchange.holding(upstream);
            // a failed replay means the runtime stopped taking the body: its answer, if it sends one, is relayed
            spill.replayTo(upstream).onComplete(replayed -> {
                spill.close();
                if (replayed.succeeded()) {
                    sendRest(exchange, upstream, read.complete());
                }
            });
        } else if (read.complete()) {
            upstream.end(read.memory());
            exchange.bodySent();
        } else {
            if (read.memory().length() > 0) {
                upstream.write(read.memory());
            }
            sendRest(exchange, upstream, false);
        }
    }

    /**
     * Pipes what the client has not sent yet. A pipe that fails was broken by the client (whose connection's close
     * resets the runtime's request) or by the runtime, which may have answered early: that answer is still read.
     */
    private static void sendRest(Exchange exchange, HttpClientRequest upstream, boolean complete) {
        if (exchange.responseDone()) {
            return;
        }
        if (complete) {
            upstream.end();
            exchange.bodySent();
            return;
        }
        exchange.continueIfExpected();
        Pipe<Buffer> pipe = exchange.request.pipe().endOnFailure(false);
        exchange.piping(pipe, upstream);
        pipe.to(upstream).onSuccess(v -> exchange.bodySent());
    }

    /** An HTTP/1 request without {@code Content-Length} (or with 0) and without {@code Transfer-Encoding} has no body. */
    private static boolean bodiless(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length == null || length.equals("0")) && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    /** A body of unknown length: HTTP/1 chunked, or an HTTP/2 stream (which has no framing header) that may carry one. */
    private static boolean mayHaveBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            HttpMethod method = request.method();
            return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.DELETE
                    && method != HttpMethod.OPTIONS;
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static void relayResponse(Exchange exchange, HttpClientResponse upstream) {
        HttpServerResponse response = exchange.response;
        if (exchange.responseDone() || response.headWritten()) {
            upstream.request().reset();
            return;
        }
        exchange.headReceived();
        response.setStatusCode(upstream.statusCode()).setStatusMessage(upstream.statusMessage());
        ForwardHeaders.copyEndToEnd(upstream.headers(), response.headers());
        if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null && hasBody(exchange.request, upstream)) {
            response.setChunked(true);
        }
        exchange.planLeftover();
        // a download that breaks off mid-stream is cut off for the client too, rather than ended as if complete
        upstream.pipe().endOnFailure(false).to(response).onFailure(e -> {
            upstream.request().reset();
            response.reset();
        });
    }

    private static boolean hasBody(HttpServerRequest request, HttpClientResponse upstream) {
        int status = upstream.statusCode();
        return request.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }
}
