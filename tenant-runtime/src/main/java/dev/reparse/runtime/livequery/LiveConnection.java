package dev.reparse.runtime.livequery;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.security.ReadAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One client's LiveQuery connection: its frames are handled one at a time, in order, off the transport's thread
 * (they may read sessions and schemas); events reach it from the server's dispatcher.
 */
public final class LiveConnection {
    private static final Logger LOG = Logger.getLogger(LiveConnection.class);

    private final LiveQueryServer server;
    private final Outbound outbound;
    private final String baseUrl;
    private final String id = LiveQueryServer.newClientId();
    private final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Queue<String> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private long windowStart = System.nanoTime();
    private int inWindow;
    private boolean toldThisWindow;
    private volatile boolean connected;
    private volatile boolean master;
    private volatile String sessionToken;
    private volatile String installationId;
    private volatile boolean closed;

    LiveConnection(LiveQueryServer server, Outbound outbound, String baseUrl) {
        this.server = server;
        this.outbound = outbound;
        this.baseUrl = baseUrl;
    }

    String id() {
        return id;
    }

    /** A text frame from the client; handled after those before it, or dropped past the message rate. */
    public void receive(String text) {
        if (closed) {
            return;
        }
        if (!admit(System.nanoTime())) {
            return;
        }
        inbox.add(text);
        if (draining.compareAndSet(false, true)) {
            server.setup().executor().execute(this::drain);
        }
    }

    /**
     * Whether a frame fits this second's budget ({@link LiveQueryLimits#maxMessagesPerSecond()}); the first frame over it
     * in a second gets one error 155, the others are dropped silently, so a flood cannot be amplified into answers.
     */
    private synchronized boolean admit(long now) {
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
            toldThisWindow = false;
        }
        if (++inWindow <= server.limits().maxMessagesPerSecond()) {
            return true;
        }
        if (!toldThisWindow) {
            toldThisWindow = true;
            send(Frames.error(ParseErrorCode.REQUEST_LIMIT_EXCEEDED, "Too many LiveQuery messages: at most "
                    + server.limits().maxMessagesPerSecond() + " per second; the others were dropped", false, null));
        }
        return false;
    }

    /** The transport saw the connection end. */
    public void closed() {
        closed = true;
        subscriptions.clear();
        server.forget(this);
    }

    private void drain() {
        org.jboss.logging.MDC.put("appId", server.setup().core().app().settings().appId());
        try {
            String text;
            while ((text = inbox.poll()) != null && !closed) {
                handle(text);
            }
        } finally {
            draining.set(false);
            if (!inbox.isEmpty() && !closed && draining.compareAndSet(false, true)) {
                server.setup().executor().execute(this::drain);
            }
        }
    }

    private void handle(String text) {
        ClientRequest request;
        try {
            request = ClientRequest.parse(text);
        } catch (ClientRequest.Invalid invalid) {
            send(Frames.error(1, invalid.getMessage(), true, null));
            return;
        }
        try {
            switch (request) {
                case ClientRequest.Connect connect -> connect(connect);
                case ClientRequest.Subscribe subscribe -> subscribe(subscribe);
                case ClientRequest.Unsubscribe unsubscribe -> unsubscribe(unsubscribe.requestId(), true);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "LiveQuery could not handle a frame of client %s", id);
            send(Frames.error(ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error.", false, null));
        }
    }

    private void connect(ClientRequest.Connect connect) {
        LiveQueryServer.Setup setup = server.setup();
        boolean isMaster;
        try {
            isMaster = setup.keys().isMaster(connect.applicationId(), connect.keys(), connect.installationId());
        } catch (ParseException refused) {
            // Parse Server's answer to keys that do not match, and its advice to come back
            send(Frames.error(4, "Key in request is not valid", true, null));
            return;
        }
        try {
            Map<String, Object> hookRequest = new LinkedHashMap<>();
            hookRequest.put("event", "connect");
            hookRequest.put("sessionToken", connect.sessionToken());
            hookRequest.put("useMasterKey", isMaster);
            hookRequest.put("clients", server.connectionCount());
            Auth auth = isMaster ? Auth.ofMaster(false, Optional.ofNullable(connect.installationId()))
                    : server.authOf(connect.sessionToken(), connect.installationId());
            setup.hooks().beforeConnect(auth, hookRequest);
        } catch (ParseException refused) {
            send(Frames.error(refused.code(), refused.getMessage(), false, null));
            return;
        }
        master = isMaster;
        sessionToken = connect.sessionToken();
        installationId = connect.installationId();
        connected = true;
        send(Frames.status("connected", id, installationId, null));
    }

    private void subscribe(ClientRequest.Subscribe request) {
        if (!connected) {
            send(Frames.error(2, "Can not find this client, make sure you connect to server before subscribing", true,
                    null));
            return;
        }
        int requestId = request.requestId();
        try {
            // a subscribe or update under a request id the connection holds replaces that subscription
            subscriptions.put(requestId, checked(request));
            send(Frames.status("subscribed", id, installationId, requestId));
        } catch (ParseException refused) {
            if (request.replacing()) {
                subscriptions.remove(requestId);
            }
            send(Frames.error(refused.code(), refused.getMessage(), false, requestId));
        }
    }

    /** The subscription, checked as a find of the subscriber would be; throws what refuses it. */
    private Subscription checked(ClientRequest.Subscribe request) {
        LiveQueryServer.Setup setup = server.setup();
        ClientRequest.Query query = request.query();
        String className = query.className();
        if (!subscriptions.containsKey(request.requestId())
                && subscriptions.size() >= setup.limits().maxSubscriptionsPerConnection()) {
            throw new ParseException(ParseErrorCode.REQUEST_LIMIT_EXCEEDED, "A LiveQuery connection may hold at most "
                    + setup.limits().maxSubscriptionsPerConnection() + " subscriptions");
        }
        if (!setup.liveClasses().get().contains(className)) {
            throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "LiveQuery is not enabled for class "
                    + className);
        }
        String token = request.sessionToken() != null ? request.sessionToken() : sessionToken;
        Auth auth = authFor(token);
        query = ClientRequest.Query.fromJson(className, setup.hooks().beforeSubscribe(auth, className, query.toJson()));
        Map<String, Object> where = setup.core().liveQueryWhere(auth, className, query.where());
        var operation = Subscription.operationFor(query.where());
        if (!auth.master()) {
            ReadAccess access = ReadAccess.of(className, setup.core().app().schemas().permissions(className),
                    operation, auth.principal(), where);
            access.checkQuery(where, List.of());
            if (query.watch() != null) {
                query.watch().forEach(access::checkField);
            }
        }
        var app = setup.core().app();
        QueryMatcher matcher = QueryMatcher.compile(where, app.settings().limits().query(), app.clock());
        return new Subscription(request.requestId(), query, where, matcher, operation, request.sessionToken());
    }

    private void unsubscribe(int requestId, boolean notify) {
        if (!connected) {
            send(Frames.error(2, "Can not find this client, make sure you connect to server before unsubscribing", true,
                    null));
            return;
        }
        if (subscriptions.remove(requestId) == null) {
            send(Frames.error(2, "Cannot find subscription with clientId " + id + " subscriptionId " + requestId
                    + ". Make sure you subscribe to live query server before unsubscribing.", true, null));
            return;
        }
        if (notify) {
            send(Frames.status("unsubscribed", id, installationId, requestId));
        }
    }

    /** The subscriber as its session says now (cached briefly); the master key when the connection holds it. */
    private Auth authFor(String token) {
        if (master) {
            return Auth.ofMaster(false, Optional.ofNullable(installationId));
        }
        return server.authOf(token, installationId);
    }

    /** One write event, to each subscription it concerns, as its subscriber may see it. */
    void deliver(LiveQueryEvent event, Map<String, Object> clp) {
        if (!connected || closed) {
            return;
        }
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.query().className().equals(event.className())) {
                continue;
            }
            Auth auth = authFor(subscription.sessionToken() != null ? subscription.sessionToken() : sessionToken);
            EventDecision.decide(event, subscription, auth, clp).ifPresent(outcome -> push(event, subscription, auth,
                    outcome));
        }
    }

    private void push(LiveQueryEvent event, Subscription subscription, Auth auth, EventDecision.Outcome outcome) {
        Map<String, Object> hookEvent = new LinkedHashMap<>();
        hookEvent.put("event", outcome.op());
        hookEvent.put("object", outcome.object());
        if (outcome.original() != null) {
            hookEvent.put("original", outcome.original());
        }
        hookEvent.put("useMasterKey", auth.master());
        try {
            if (!server.setup().hooks().afterEvent(auth, event.className(), hookEvent)) {
                return;
            }
        } catch (ParseException refused) {
            send(Frames.error(refused.code(), refused.getMessage(), false, subscription.requestId()));
            return;
        }
        Map<String, Object> object = castMap(hookEvent.get("object"));
        server.setup().fileUrls().accept(object, baseUrl);
        server.setup().fileUrls().accept(outcome.original(), baseUrl);
        send(Frames.event(outcome.op(), id, installationId, subscription.requestId(), object, outcome.original()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private void send(String frame) {
        if (closed) {
            return;
        }
        if (!outbound.send(frame)) {
            LOG.warnf("LiveQuery client %s reads too slowly (%d frames queued): closing it", id,
                    server.limits().maxQueuedFrames());
            close(CloseCodes.SLOW_CONSUMER, "slow consumer: more than " + server.limits().maxQueuedFrames()
                    + " frames queued");
        }
    }

    void close(int code, String reason) {
        if (!closed) {
            closed();
            outbound.close(code, reason);
        }
    }
}
