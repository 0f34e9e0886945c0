package dev.reparse.runtime.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a stream into a response from a virtual thread, a few chunks in flight at a time, so a
 * slow client slows the read instead of filling the heap.
 */
final class ResponseBodyWriter {
    private static final int CHUNK = 64 * 1024;
    private static final int IN_FLIGHT = 4;

    private ResponseBodyWriter() {
    }

    /** Writes all of {@code in} and ends the response; stops early if the client goes away. */
    static void copy(InputStream in, HttpServerResponse response) throws IOException, InterruptedException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        byte[] chunk = new byte[CHUNK];
        int n;
        while (failure.get() == null && (n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
            permits.acquire();
            try {
                response.write(Buffer.buffer(java.util.Arrays.copyOf(chunk, n))).onComplete(result -> {
                    if (result.failed()) {
                        failure.compareAndSet(null, result.cause());
                    }
                    permits.release();
                });
            } catch (IllegalStateException closed) {
                failure.compareAndSet(null, closed);
                permits.release();
            }
        }
        permits.acquire(IN_FLIGHT);
        if (failure.get() == null) {
            response.end();
        } else if (!response.closed()) {
            response.reset();
        }
    }
}
