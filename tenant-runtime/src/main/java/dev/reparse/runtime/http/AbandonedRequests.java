package dev.reparse.runtime.http;

import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a request's work so that a client who goes away takes its work with it: when the connection
 * closes before the answer is written, the request's thread is interrupted, the MongoDB driver stops
 * waiting and closes its connection, and MongoDB kills the operation of a client that disconnected
 * (a query no longer runs for minutes after its caller left).
 */
final class AbandonedRequests {
    private AbandonedRequests() {
    }

    /** Starts the work; must be called on the connection's event loop, as its close handler runs there. */
    static Future<?> run(ExecutorService executor, HttpServerResponse response, Runnable work) {
        Future<?> task = executor.submit(work);
        response.closeHandler(closed -> task.cancel(true));
        if (response.closed()) {
            task.cancel(true);
        }
        return task;
    }
}
