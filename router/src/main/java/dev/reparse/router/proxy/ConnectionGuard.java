package dev.reparse.router.proxy;

import io.vertx.core.http.HttpConnection;

/**
 * Closes a client connection that sends no request head in time: a new one within the header timeout, a kept-alive
 * one within the keep-alive timeout after its last exchange. Vert.x only hands over a request once its head is
 * complete, so a head trickled in byte by byte (or never finished) counts as no request at all. Connections upgraded
 * to a WebSocket are left alone.
 */
final class ConnectionGuard extends Deadlines.Entry {
    private final HttpConnection connection;
    private final Deadlines deadlines;
    private final long keepAliveNanos;
    private int exchanges;
    private boolean upgraded;
    private long deadline;

    ConnectionGuard(HttpConnection connection, Deadlines deadlines, long headerNanos, long keepAliveNanos) {
        this.connection = connection;
        this.deadlines = deadlines;
        this.keepAliveNanos = keepAliveNanos;
        this.deadline = deadlines.now() + headerNanos;
        deadlines.add(this);
    }

    /** A request head arrived: no limit on the connection while its exchange runs (the exchange has its own). */
    void exchangeStarted() {
        exchanges++;
    }

    /** An exchange ended: the next head must come within the keep-alive timeout. */
    void exchangeEnded() {
        if (exchanges > 0 && --exchanges == 0) {
            deadline = deadlines.now() + keepAliveNanos;
        }
    }

    /** The connection became a WebSocket, idle for as long as its peers like. */
    void upgraded() {
        upgraded = true;
        deadlines.remove(this);
    }

    void closed() {
        deadlines.remove(this);
    }

    @Override
    boolean overdue(long now) {
        return exchanges == 0 && !upgraded && now - deadline > 0;
    }

    @Override
    void expire() {
        deadlines.remove(this);
        connection.close();
    }
}
