package dev.reparse.runtime.livequery;

/** The WebSocket close codes (RFC 6455) a LiveQuery connection ends with when a limit is reached. */
public final class CloseCodes {
    /** A client that does not read its events fast enough: its queue is full. */
    public static final int SLOW_CONSUMER = 1008;
    /** A frame larger than the app allows. */
    public static final int FRAME_TOO_LARGE = 1009;
    /** The app holds as many connections as it may; try again later. */
    public static final int TOO_MANY_CONNECTIONS = 1013;
    /** The runtime shuts down. */
    public static final int GOING_AWAY = 1001;

    private CloseCodes() {
    }
}
