package dev.reparse.runtime.livequery;

import java.util.function.Consumer;

/**
 * Carries one app's write events to its LiveQuery servers: in process on one replica ({@link InProcessBus}); a
 * shared implementation (Redis pub/sub on a channel per app) carries them across replicas behind the same two
 * calls, events being plain JSON values.
 */
public interface LiveQueryBus extends AutoCloseable {
    /** Hands the event on without blocking the write that made it for long. */
    void publish(LiveQueryEvent event);

    /** Every event published from now on goes to the listener, on a thread of the bus's; close to stop. */
    AutoCloseable subscribe(Consumer<LiveQueryEvent> listener);

    @Override
    default void close() {
    }
}
