package dev.reparse.runtime.livequery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.ParseCore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One app's LiveQuery server (Parse LiveQuery protocol v1, as the SDKs' {@code LiveQueryClient} speaks it): holds
 * the app's connections and their subscriptions, and turns each write event from the app's {@link LiveQueryBus}
 * into the frames each subscriber may see. Transport-free: a connection is an {@link Outbound} and the text frames
 * its client sends.
 */
public final class LiveQueryServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveQueryServer.class);
    private static final int EVENT_BACKLOG = 10_000;

    /** Whether a {@code connect} frame's keys admit it, as a REST request's would; throws the refusal. */
    @FunctionalInterface
    public interface KeyCheck {
        /** True for the master key; throws a {@link ParseException} when the keys do not admit the client. */
        boolean isMaster(String applicationId, Map<String, String> keys, String installationId);
    }

    /** Who a session token belongs to (with the user's roles); throws 209 when it belongs to nobody. */
    @FunctionalInterface
    public interface SessionLookup {
        Auth authenticate(String sessionToken, Optional<String> installationId);
    }

    /**
     * What the server needs of its app.
     *
     * @param liveClasses the classes whose subscriptions are accepted, read per subscription
     * @param executor where each connection's frames are handled (one at a time per connection)
     * @param fileUrls fills, in place, the {@code url} of each file in an object, for a client that reached the
     *     server at the given base URL
     */
    public record Setup(ParseCore core, Supplier<Set<String>> liveClasses, KeyCheck keys, SessionLookup sessions,
            LiveQueryLimits limits, LiveQueryBus bus, LiveQueryHooks hooks, Executor executor,
            java.util.function.BiConsumer<Object, String> fileUrls) {
    }

    private final Setup setup;
    private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();
    private final Cache<String, Auth> sessions;
    private final BlockingQueue<LiveQueryEvent> events = new LinkedBlockingQueue<>(EVENT_BACKLOG);
    private final AutoCloseable busRegistration;
    private final Thread dispatcher;
    private volatile boolean closed;

    public LiveQueryServer(Setup setup) {
        this.setup = setup;
        this.sessions = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(setup.limits().sessionCacheTtl())
                .executor(Runnable::run).build();
        this.dispatcher = Thread.ofVirtual().name("livequery-dispatch").unstarted(this::dispatch);
        this.busRegistration = setup.bus().subscribe(this::enqueue);
        dispatcher.start();
    }

    /** A new client connection; empty when the app holds as many as it may (the caller closes with 1013). */
    public Optional<LiveConnection> open(Outbound outbound, String baseUrl) {
        if (closed || connections.size() >= setup.limits().maxConnections()) {
            return Optional.empty();
        }
        LiveConnection connection = new LiveConnection(this, outbound, baseUrl);
        connections.put(connection.id(), connection);
        return Optional.of(connection);
    }

    /** How many connections are open. */
    public int connectionCount() {
        return connections.size();
    }

    /** The limits the transport enforces too (frame size). */
    public LiveQueryLimits limits() {
        return setup.limits();
    }

    Setup setup() {
        return setup;
    }

    void forget(LiveConnection connection) {
        connections.remove(connection.id());
    }

    static String newClientId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The subscriber's Auth for a session token, trusted for {@link LiveQueryLimits#sessionCacheTtl}: a token that
     * no longer names a session (logged out, deleted, expired) reads as nobody's, as Parse Server's LiveQuery does.
     */
    Auth authOf(String sessionToken, String installationId) {
        Optional<String> installation = Optional.ofNullable(installationId);
        if (sessionToken == null || sessionToken.isEmpty()) {
            return Auth.ofPublic(installation);
        }
        return sessions.get(sessionToken, token -> {
            try {
                return setup.sessions().authenticate(token, installation);
            } catch (ParseException invalid) {
                return Auth.ofPublic(installation);
            }
        });
    }

    private void enqueue(LiveQueryEvent event) {
        if (closed || connections.isEmpty()) {
            return;
        }
        try {
            events.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One event at a time, so every client sees an object's events in the order they were written. */
    private void dispatch() {
        org.jboss.logging.MDC.put("appId", setup.core().app().settings().appId());
        while (!closed) {
            LiveQueryEvent event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Map<String, Object> clp = setup.core().app().schemas().permissions(event.className());
                for (LiveConnection connection : connections.values()) {
                    connection.deliver(event, clp);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "LiveQuery could not deliver an event of class %s", event.className());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            busRegistration.close();
        } catch (Exception e) {
            LOG.debugf("closing the LiveQuery bus registration: %s", e.getMessage());
        }
        dispatcher.interrupt();
        connections.values().forEach(connection -> connection.close(CloseCodes.GOING_AWAY, "the server is shutting down"));
        connections.clear();
    }
}
