package dev.reparse.router.proxy;

import dev.reparse.router.routes.Route;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Streams one HTTP exchange to the app's runtime and back. Both bodies go through Vert.x pipes, which pause the
 * sending side while the receiving side's write queue is full, so a 1 GB file passes in constant memory. Connections
 * come from the client's pool, which Vert.x keeps per runtime address.
 */
final class HttpForwarder {
    private static final Logger LOG = Logger.getLogger(HttpForwarder.class);

    private final HttpClient client;

    HttpForwarder(HttpClient client) {
        this.client = client;
    }

    /** Forwards the exchange; {@code finished} runs once, when the response ended or the client went away. */
    void forward(HttpServerRequest request, Route route, BodyPrefix prefix, Runnable finished) {
        HttpClientRequest[] inFlight = {null};
        boolean[] done = {false};
        Runnable once = () -> {
            if (!done[0]) {
                done[0] = true;
                finished.run();
            }
        };
        request.response().endHandler(v -> once.run());
        request.response().closeHandler(v -> {
            if (inFlight[0] != null) {
                inFlight[0].reset();
            }
            once.run();
        });
        URI upstream = route.upstream().orElseThrow();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstream.getHost())
                .setPort(upstream.getPort() < 0 ? 80 : upstream.getPort()).setURI(request.uri());
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                LOG.debugf("app %s: cannot reach %s: %s", route.applicationId(), upstream, connected.cause());
                ProxyAnswers.unavailable(request, "The app's server is unavailable; try again shortly.");
                return;
            }
            HttpClientRequest upstreamRequest = connected.result();
            inFlight[0] = upstreamRequest;
            ForwardHeaders.copyRequest(request, upstreamRequest.headers());
            if (request.authority() != null) {
                upstreamRequest.authority(request.authority());
            }
            upstreamRequest.response().onComplete(answered -> {
                if (answered.succeeded()) {
                    relayResponse(request, answered.result());
                } else if (!request.response().headWritten()) {
                    ProxyAnswers.unavailable(request, "The app's server failed to answer; try again shortly.");
                }
            });
            sendBody(request, upstreamRequest, prefix);
        });
    }

    private static void sendBody(HttpServerRequest request, HttpClientRequest upstreamRequest, BodyPrefix prefix) {
        if (prefix == BodyPrefix.NONE && bodiless(request)) {
            // most API calls (GET, DELETE): no pipe to set up, only the request's end to take in
            request.resume();
            upstreamRequest.end();
            return;
        }
        if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null && mayHaveBody(request)) {
            upstreamRequest.setChunked(true);
        }
        if (prefix.complete()) {
            upstreamRequest.end(prefix.bytes());
            return;
        }
        if (prefix.bytes().length() > 0) {
            upstreamRequest.write(prefix.bytes());
        }
        // a client that breaks off its upload must not leave the runtime with a body that looks complete
        request.pipe().endOnFailure(false).to(upstreamRequest).onFailure(e -> upstreamRequest.reset(0, e));
    }

    /** An HTTP/1 request without {@code Content-Length} (or with 0) and without {@code Transfer-Encoding} has no body. */
    private static boolean bodiless(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length == null || length.equals("0")) && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static void relayResponse(HttpServerRequest request, HttpClientResponse upstream) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            upstream.request().reset();
            return;
        }
        response.setStatusCode(upstream.statusCode()).setStatusMessage(upstream.statusMessage());
        ForwardHeaders.copyEndToEnd(upstream.headers(), response.headers());
        if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null && hasBody(request, upstream)) {
            response.setChunked(true);
        }
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
