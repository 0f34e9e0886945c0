package dev.reparse.router.routes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The route table this replica currently serves; read on every request, swapped whole when a newer one arrives. */
public final class LiveRoutes {
    private final AtomicReference<RouteTable> current = new AtomicReference<>(RouteTable.empty());
    private final List<Consumer<RouteTable>> listeners = new CopyOnWriteArrayList<>();

    public RouteTable current() {
        return current.get();
    }

    /** Calls {@code listener} with every table that replaces the current one. */
    public void onChange(Consumer<RouteTable> listener) {
        listeners.add(listener);
    }

    void replace(RouteTable table) {
        current.set(table);
        listeners.forEach(listener -> listener.accept(table));
    }
}
