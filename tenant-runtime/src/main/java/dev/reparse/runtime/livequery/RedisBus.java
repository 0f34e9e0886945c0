package dev.reparse.runtime.livequery;

import dev.reparse.protocol.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The bus of an app served by several replicas: each event is published on the app's Redis channel ({@code
 * reparse:livequery:<appId>}) and every replica's listeners, this one's included, hear it from there, so each
 * subscriber gets it once whichever replica took the write. A lost connection is re-opened with backoff; events
 * published while the subscriber connection is down are lost, as with Parse Server's Redis pub/sub.
 */
public final class RedisBus implements LiveQueryBus {
    private static final Logger LOG = Logger.getLogger(RedisBus.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final URI uri;
    private final String channel;
    private final List<Consumer<LiveQueryEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Thread subscriber;
    private final Object publishLock = new Object();
    private Socket publishSocket;
    private OutputStream publishOut;
    private InputStream publishIn;
    private volatile Socket subscribeSocket;
    private volatile boolean subscribed;
    private volatile boolean closed;

    /** A bus over the Redis at {@code redis://[:password@]host:port}, for one app. */
    public RedisBus(URI uri, String appId) {
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("a LiveQuery Redis URL looks like redis://host:6379, not " + uri);
        }
        this.uri = uri;
        this.channel = "reparse:livequery:" + appId;
        this.subscriber = Thread.ofVirtual().name("livequery-redis-" + appId).unstarted(this::listen);
        subscriber.start();
    }

    @Override
    public void publish(LiveQueryEvent event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("className", event.className());
        message.put("object", event.object());
        message.put("original", event.original());
        message.put("deleted", event.deleted());
        String payload = Json.writeString(message);
        synchronized (publishLock) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    if (publishSocket == null) {
                        publishSocket = connect();
                        publishOut = new BufferedOutputStream(publishSocket.getOutputStream());
                        publishIn = new BufferedInputStream(publishSocket.getInputStream());
                    }
                    Resp.write(publishOut, "PUBLISH", channel, payload);
                    Resp.read(publishIn);
                    return;
                } catch (IOException e) {
                    closeQuietly(publishSocket);
                    publishSocket = null;
                    LOG.warnf("LiveQuery could not publish to Redis %s:%d (%s)", uri.getHost(), uri.getPort(),
                            e.getMessage());
                }
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<LiveQueryEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void listen() {
        long backoff = 100;
        while (!closed) {
            try (Socket socket = connect()) {
                subscribeSocket = socket;
                OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                InputStream in = new BufferedInputStream(socket.getInputStream());
                Resp.write(out, "SUBSCRIBE", channel);
                backoff = 100;
                while (!closed) {
                    if (Resp.read(in) instanceof List<?> reply && reply.size() == 3) {
                        if ("message".equals(reply.get(0)) && reply.get(2) instanceof String payload) {
                            deliver(payload);
                        } else if ("subscribe".equals(reply.get(0))) {
                            subscribed = true;
                        }
                    }
                }
            } catch (IOException e) {
                subscribed = false;
                if (closed) {
                    return;
                }
                LOG.warnf("LiveQuery lost its Redis subscription (%s); retrying in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** Whether the bus hears the channel now (events published before that are not heard). */
    public boolean subscribed() {
        return subscribed;
    }

    private void deliver(String payload) {
        try {
            Map<String, Object> message = castMap(Json.parse(payload));
            LiveQueryEvent event = new LiveQueryEvent((String) message.get("className"), castMap(message.get("object")),
                    message.get("original") == null ? null : castMap(message.get("original")),
                    Boolean.TRUE.equals(message.get("deleted")));
            for (Consumer<LiveQueryEvent> listener : listeners) {
                listener.accept(event);
            }
        } catch (RuntimeException e) {
            LOG.errorf("LiveQuery ignored a message on %s it could not read: %s", channel, e.getMessage());
        }
    }

    /** A connection, authenticated when the URL carries a password. */
    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
                (int) CONNECT_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            OutputStream out = socket.getOutputStream();
            if (colon > 0) {
                Resp.write(out, "AUTH", userInfo.substring(0, colon), userInfo.substring(colon + 1));
            } else {
                Resp.write(out, "AUTH", colon == 0 ? userInfo.substring(1) : userInfo);
            }
            Resp.read(socket.getInputStream());
        }
        return socket;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(subscribeSocket);
        subscriber.interrupt();
        synchronized (publishLock) {
            closeQuietly(publishSocket);
            publishSocket = null;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debugf("closing a Redis connection: %s", e.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
