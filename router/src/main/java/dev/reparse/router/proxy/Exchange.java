package dev.reparse.router.proxy;

import dev.reparse.router.metering.ClientSdk;
import dev.reparse.router.metering.RequestClassifier;
import dev.reparse.router.metering.RequestCounts;
import dev.reparse.router.metering.UsageMeters;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.WriteStream;

/**
 * One request through the proxy, from its head until both its body and its answer are over, and the time limits it
 * must keep. The sweep ({@link Deadlines}) reads progress from Vert.x's own byte counters, so the hot path adds no
 * timer and no per-chunk work: a client body that stops while the router waits for it, a runtime that takes no body,
 * sends no answer head or stops mid-answer, and a client that stops reading its answer are each cut off.
 */
final class Exchange extends Deadlines.Entry implements Handler<Void> {
    /** Bodies left this small after an early answer are read to their end, keeping the connection. */
    private static final long DRAIN_LIMIT = 1 << 20;
    /** How long a larger leftover body is read and dropped before the connection closes, so the client sees the answer. */
    private static final long LINGER_NANOS = 2_000_000_000L;

    private enum Verdict { NONE, GONE, CLIENT_STALLED, UPSTREAM_STALLED, LINGERED }

    /** The limits, in nanoseconds. */
    record Timeouts(long headerNanos, long keepAliveNanos, long bodyNanos, long upstreamNanos) {
    }

    final HttpServerRequest request;
    final HttpServerResponse response;
    private final Deadlines deadlines;
    private final ConnectionGuard guard;
    private final Timeouts timeouts;
    private final UsageMeters usage;
    private String meteredApp;
    private final long startedNanos = System.nanoTime();
    private RequestCounts analytics;
    private RequestClassifier.Classified kind;
    private ClientSdk sdk;
    private boolean upgraded;
    private HttpClientRequest upstream;
    private Pipe<?> bodyPipe;
    private WriteStream<?> bodySink;
    private SpillFile spillSink;
    /** The spill file of this request's body, closed (at the latest) when the exchange ends. */
    private SpillFile spill;
    private boolean reading;
    private boolean connecting;
    private boolean bodySent;
    private boolean headReceived;
    private boolean responseDone;
    private boolean continued;
    private boolean closeAfter;
    private boolean finished;
    private long lingerUntil;
    private long seenRead = -1;
    private long seenWritten = -1;
    private long clientSince;
    private long upstreamSince;
    private Verdict verdict = Verdict.NONE;

    Exchange(HttpServerRequest request, Deadlines deadlines, ConnectionGuard guard, Timeouts timeouts, UsageMeters usage) {
        this.request = request;
        this.response = request.response();
        this.deadlines = deadlines;
        this.guard = guard;
        this.timeouts = timeouts;
        this.usage = usage;
        this.clientSince = deadlines.now();
        this.upstreamSince = clientSince;
        if (guard != null) {
            guard.exchangeStarted();
        }
        response.endHandler(this);
        response.closeHandler(v -> gone());
        deadlines.add(this);
    }

    // ---- what the proxy tells the exchange ----------------------------------------------------------------------

    /** Answers {@code Expect: 100-continue} once, right before the router starts reading the body. */
    void continueIfExpected() {
        if (!continued && expectsContinue()) {
            continued = true;
            response.writeContinue();
        }
    }

    /** The router reads the client's body now, into memory or to drop it. */
    void readingIntoMemory() {
        readingInto(null);
    }

    /** The router reads the client's body now, into {@code sink} (its write queue may hold the client back). */
    void readingInto(WriteStream<?> sink) {
        progressFromNow();
        reading = true;
        bodySink = sink;
        spillSink = null;
    }

    /** The router reads the client's body into a spill file. */
    void spillingInto(SpillFile sink) {
        readingInto(null);
        spillSink = sink;
        spill = sink;
    }

    /** The router holds the client's body on purpose (deciding where it goes, connecting, replaying). */
    void holding(WriteStream<?> replaySink) {
        progressFromNow();
        reading = false;
        bodySink = replaySink;
        spillSink = null;
    }

    /** The app took the request: its outcome and latency are counted in {@code counts} when the exchange ends. */
    void analyzedAs(RequestCounts counts, RequestClassifier.Classified classified, ClientSdk client) {
        analytics = counts;
        kind = classified;
        sdk = client;
    }

    /** A connection to the runtime is being made or waited for (the pool may be busy): the runtime's time counts. */
    void connecting() {
        connecting = true;
        upstreamSince = deadlines.now();
    }

    /** The request goes to this runtime connection, metered for this app. */
    void forwarding(HttpClientRequest upstreamRequest, String applicationId) {
        connecting = false;
        upstream = upstreamRequest;
        meteredApp = applicationId;
    }

    /** The client's body goes upstream through this pipe (closed when the answer ends first). */
    void piping(Pipe<?> pipe, WriteStream<?> sink) {
        bodyPipe = pipe;
        readingInto(sink);
    }

    /** The whole body went upstream: the runtime's answer head is awaited from now. */
    void bodySent() {
        bodySent = true;
        reading = false;
        bodySink = null;
        upstreamSince = deadlines.now();
    }

    /** The runtime's answer head arrived. */
    void headReceived() {
        headReceived = true;
        seenWritten = -1;
    }

    boolean responseDone() {
        return responseDone;
    }

    /**
     * Call right before writing an answer head: when the client is still to send much of its body (or was never
     * told to send it), the answer says {@code Connection: close} and the rest of the body is dropped for a moment
     * before closing, instead of being read whole or waited for.
     */
    void planLeftover() {
        if (request.version() == HttpVersion.HTTP_2 || request.isEnded()) {
            return;
        }
        long left = bodyLeft();
        if (left < 0 || left > DRAIN_LIMIT || left > 0 && expectsContinue() && !continued) {
            closeAfter = true;
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
    }

    /** How many body bytes the client has yet to send; -1 when unknown (chunked). */
    private long bodyLeft() {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            // HTTP/1.1: without Content-Length, only a chunked request has a body
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null ? 0 : -1;
        }
        try {
            return Math.max(0, Long.parseLong(length.trim()) - request.bytesRead());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The WebSocket took over the connection: no HTTP exchange to watch any more. */
    void handOff() {
        if (guard != null) {
            guard.upgraded();
        }
        upgraded = true;
        finish();
    }

    // ---- how it ends -----------------------------------------------------------------------------------------------

    /** The answer ended (done, unless the client is still sending its body), or the client's connection closed. */
    @Override
    public void handle(Void ended) {
        if (responseDone) {
            return;
        }
        if (!response.ended()) {
            // Vert.x also calls the end handler of a response whose connection closed before it was written
            gone();
            return;
        }
        responseDone = true;
        if (request.isEnded()) {
            finish();
        } else {
            dropLeftover();
        }
    }

    private void dropLeftover() {
        if (bodyPipe != null) {
            bodyPipe.close();
            bodyPipe = null;
        }
        if (upstream != null && !bodySent) {
            // the runtime has half a body on that connection: it can never be reused
            upstream.reset();
        }
        readingIntoMemory();
        request.handler(null);
        request.exceptionHandler(null);
        request.endHandler(v -> {
            if (closeAfter) {
                cutOff();
            }
            finish();
        });
        if (closeAfter) {
            lingerUntil = deadlines.now() + LINGER_NANOS;
        }
        request.resume();
    }

    private void gone() {
        boolean answered = responseDone;
        responseDone = true;
        if (upstream != null && !answered) {
            upstream.reset();
        }
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        deadlines.remove(this);
        if (spill != null) {
            spill.close();
        }
        if (guard != null) {
            guard.exchangeEnded();
        }
        if (meteredApp != null) {
            usage.transferred(meteredApp, request.bytesRead(), response.bytesWritten());
        }
        // a request whose client left before any answer is not counted: it has no status
        if (analytics != null && (upgraded || response.headWritten())) {
            analytics.count(kind.operation(), kind.className(), sdk, upgraded ? 101 : response.getStatusCode(),
                    System.nanoTime() - startedNanos);
        }
    }

    /** Closes the client's connection (HTTP/1) or resets its stream (HTTP/2). */
    void cutOff() {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            request.connection().close();
        }
    }

    // ---- the sweep -------------------------------------------------------------------------------------------------

    @Override
    boolean overdue(long now) {
        verdict = Verdict.NONE;
        if (response.closed()) {
            verdict = Verdict.GONE;
        } else if (lingerUntil != 0 && now - lingerUntil > 0) {
            verdict = Verdict.LINGERED;
        } else if (connecting) {
            verdict = now - upstreamSince > timeouts.upstreamNanos() ? Verdict.UPSTREAM_STALLED : Verdict.NONE;
        } else if (!bodySent && (reading || bodySink != null || spillSink != null)) {
            verdict = bodyOverdue(now);
        } else if (bodySent && !headReceived && now - upstreamSince > timeouts.upstreamNanos()) {
            verdict = Verdict.UPSTREAM_STALLED;
        }
        if (verdict == Verdict.NONE && headReceived && !responseDone) {
            verdict = answerOverdue(now);
        }
        return verdict != Verdict.NONE;
    }

    /** The client's body: who is it waiting on, and for how long already? */
    private Verdict bodyOverdue(long now) {
        long read = request.bytesRead();
        if (read != seenRead) {
            seenRead = read;
            clientSince = now;
            upstreamSince = now;
            return Verdict.NONE;
        }
        if (spillSink != null ? spillSink.writeQueueFull() : bodySink != null && bodySink.writeQueueFull()) {
            clientSince = now;
            return now - upstreamSince > timeouts.upstreamNanos() ? Verdict.UPSTREAM_STALLED : Verdict.NONE;
        }
        upstreamSince = now;
        if (reading && !request.isEnded()) {
            return now - clientSince > timeouts.bodyNanos() ? Verdict.CLIENT_STALLED : Verdict.NONE;
        }
        clientSince = now;
        return Verdict.NONE;
    }

    /** The runtime's answer on its way to the client. */
    private Verdict answerOverdue(long now) {
        long written = response.bytesWritten();
        if (written != seenWritten) {
            seenWritten = written;
            clientSince = now;
            upstreamSince = now;
            return Verdict.NONE;
        }
        if (response.writeQueueFull()) {
            upstreamSince = now;
            return now - clientSince > timeouts.bodyNanos() ? Verdict.CLIENT_STALLED : Verdict.NONE;
        }
        clientSince = now;
        return now - upstreamSince > timeouts.upstreamNanos() ? Verdict.UPSTREAM_STALLED : Verdict.NONE;
    }

    @Override
    void expire() {
        switch (verdict) {
            case GONE -> gone();
            case CLIENT_STALLED, LINGERED -> {
                if (upstream != null && !responseDone) {
                    upstream.reset();
                }
                cutOff();
                finish();
            }
            case UPSTREAM_STALLED -> upstreamTimedOut();
            default -> {
            }
        }
    }

    private void upstreamTimedOut() {
        HttpClientRequest stalled = upstream;
        if (response.headWritten()) {
            cutOff();
            finish();
        } else {
            ProxyAnswers.timedOut(this);
        }
        // after the answer: resetting fails the runtime's answer, which must not turn into a 503 first
        if (stalled != null) {
            stalled.reset();
        }
    }

    private void progressFromNow() {
        clientSince = deadlines.now();
        upstreamSince = clientSince;
        seenRead = request.bytesRead();
    }

    private boolean expectsContinue() {
        String expect = request.getHeader(HttpHeaders.EXPECT);
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }
}
