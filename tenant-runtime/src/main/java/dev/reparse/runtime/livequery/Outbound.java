package dev.reparse.runtime.livequery;

/** The server's end of one client's WebSocket, as the transport gives it; both calls return without blocking. */
public interface Outbound {
    /** Queues a text frame; false when the client's queue is full (a slow consumer), and nothing was queued. */
    boolean send(String frame);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
