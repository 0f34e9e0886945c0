package dev.reparse.runtime.http;

import dev.reparse.runtime.files.ClientAbortException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request body as a blocking {@link InputStream} for a virtual thread, with backpressure: the
 * event loop queues chunks as they arrive and pauses the request when a few are waiting; reading
 * resumes it. Only a handful of network chunks are ever held.
 */
final class RequestBodyStream extends InputStream {
    private static final int HIGH_WATER = 8;
    private static final int LOW_WATER = 2;
    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final Context context;
    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Touched on the event loop only. */
    private boolean paused;
    private Buffer current;
    private int position;
    private boolean ended;

    private RequestBodyStream(HttpServerRequest request, Context context) {
        this.request = request;
        this.context = context;
    }

    /** Starts collecting the body; call on the event loop, before anything else reads the request. */
    static RequestBodyStream attach(HttpServerRequest request) {
        RequestBodyStream stream = new RequestBodyStream(request, Vertx.currentContext());
        if (request.isEnded()) {
            stream.chunks.add(END);
            return stream;
        }
        request.handler(stream::onChunk);
        request.endHandler(v -> stream.chunks.add(END));
        request.exceptionHandler(stream::onFailure);
        request.resume();
        return stream;
    }

    private void onChunk(Buffer chunk) {
        chunks.add(chunk);
        if (queued.incrementAndGet() >= HIGH_WATER && !paused) {
            paused = true;
            request.pause();
        }
    }

    private void onFailure(Throwable failure) {
        chunks.add(new ClientAbortException("the request body broke off", failure));
    }

    private void maybeResume() {
        if (paused && queued.get() <= LOW_WATER) {
            paused = false;
            request.resume();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        while (!ended && (current == null || position >= current.length())) {
            Object next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientAbortException("interrupted while reading the upload", e);
            }
            if (next == END) {
                ended = true;
            } else if (next instanceof IOException failure) {
                ended = true;
                throw failure;
            } else {
                current = (Buffer) next;
                position = 0;
                if (queued.decrementAndGet() <= LOW_WATER) {
                    context.runOnContext(v -> maybeResume());
                }
            }
        }
        return !ended;
    }
}
