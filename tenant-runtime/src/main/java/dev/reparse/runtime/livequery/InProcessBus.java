package dev.reparse.runtime.livequery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The bus of an app served by one replica: listeners hear events on the publishing thread, and must not block. */
public final class InProcessBus implements LiveQueryBus {
    private final List<Consumer<LiveQueryEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LiveQueryEvent event) {
        for (Consumer<LiveQueryEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<LiveQueryEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
