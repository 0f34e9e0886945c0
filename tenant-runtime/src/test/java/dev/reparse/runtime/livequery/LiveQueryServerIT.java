package dev.reparse.runtime.livequery;

import static dev.reparse.runtime.livequery.LiveQueryHarness.castMap;
import static dev.reparse.runtime.livequery.LiveQueryHarness.connectFrame;
import static dev.reparse.runtime.livequery.LiveQueryHarness.subscribeFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The LiveQuery server of an app wired as the runtime wires it (real core, users, REST API, in-memory MongoDB-wire
 * server), driven with protocol frames: every write path publishes, sessions, keys, live classes and limits.
 */
class LiveQueryServerIT {
    private static final LiveQueryLimits LIMITS = new LiveQueryLimits(3, 2, 65536, 3, Duration.ofMillis(100));

    private LiveQueryHarness app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private LiveQueryHarness start(String database) {
        app = new LiveQueryHarness(database, LIMITS, Set.of("Message", "_User"));
        return app;
    }

    private static LiveQueryHarness.Client subscribed(LiveQueryHarness app, String token, String className,
            Map<String, Object> where) {
        return subscribedWith(app, connectFrame(token), className, where);
    }

    private static LiveQueryHarness.Client subscribedWith(LiveQueryHarness app, Map<String, Object> connect,
            String className, Map<String, Object> where) {
        LiveQueryHarness.Client client = app.connect(connect);
        assertEquals("connected", client.next().get("op"));
        client.send(subscribeFrame(1, className, where));
        Map<String, Object> subscribed = client.next();
        assertEquals("subscribed", subscribed.get("op"), subscribed::toString);
        return client;
    }

    @Test
    void restAndBatchWritesReachTheSubscriberAsEvents() {
        start("lqevents");
        LiveQueryHarness.Client client = subscribed(app, null, "Message", Map.of("room", "a"));
        String id = (String) app.call("POST", "/classes/Message", Map.of("room", "a", "text", "hi"), null)
                .get("objectId");
        Map<String, Object> created = client.next();
        assertEquals("create", created.get("op"));
        assertEquals(1, ((Number) created.get("requestId")).intValue());
        Map<String, Object> object = castMap(created.get("object"));
        assertEquals("Message", object.get("className"));
        assertEquals(id, object.get("objectId"));
        assertEquals("hi", object.get("text"));

        app.call("PUT", "/classes/Message/" + id, Map.of("text", "edited"), null);
        Map<String, Object> updated = client.next();
        assertEquals("update", updated.get("op"));
        assertEquals("edited", castMap(updated.get("object")).get("text"));
        assertEquals("hi", castMap(updated.get("original")).get("text"));

        app.answer("POST", "/batch", Map.of("requests", List.of(
                Map.of("method", "POST", "path", "/parse/classes/Message", "body", Map.of("room", "a", "n", 1)),
                Map.of("method", "DELETE", "path", "/parse/classes/Message/" + id))), null);
        Map<String, String> ops = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> frame = client.next();
            ops.put((String) frame.get("op"), (String) castMap(frame.get("object")).get("objectId"));
        }
        assertEquals(id, ops.get("delete"));
        assertTrue(ops.containsKey("create"));
    }

    @Test
    void filesInAnEventCarryTheirUrlAsTheClientReachedTheServer() {
        start("lqfiles");
        LiveQueryHarness.Client client = subscribed(app, null, "Message", Map.of("room", "f"));
        app.call("POST", "/classes/Message", Map.of("room", "f", "photo", Map.of("__type", "File", "name", "a b.png")),
                null);
        Map<String, Object> photo = castMap(castMap(client.next().get("object")).get("photo"));
        assertEquals("http://localhost:1337/parse/files/lqapp/a%20b.png", photo.get("url"));
    }

    @Test
    void aUsersEventsNeverCarryItsPasswordOrSession() {
        start("lqusers");
        LiveQueryHarness.Client anonymous = subscribed(app, null, "_User", Map.of("username", "ann"));
        LiveQueryHarness.Client client = subscribedWith(app, Map.of("op", "connect", "applicationId", LiveQueryHarness.APP,
                "masterKey", LiveQueryHarness.MASTER), "_User", Map.of("username", "ann"));
        app.call("POST", "/users", Map.of("username", "ann", "password", "pw-1"), null);
        Map<String, Object> user = castMap(client.next().get("object"));
        assertEquals("ann", user.get("username"));
        assertFalse(user.containsKey("password"));
        assertFalse(user.containsKey("sessionToken"));
        assertTrue(user.keySet().stream().noneMatch(key -> key.startsWith("_")), user::toString);
        assertNull(anonymous.frames.poll(), "a new user is readable by itself only (enforcePrivateUsers)");
    }

    @Test
    void aLoggedOutSessionStopsReceivingItsUsersObjects() throws InterruptedException {
        start("lqsessions");
        Map<String, Object> ann = app.call("POST", "/users", Map.of("username", "ann", "password", "pw-1"), null);
        String token = (String) ann.get("sessionToken");
        Map<String, Object> acl = Map.of((String) ann.get("objectId"), Map.of("read", true));
        LiveQueryHarness.Client client = subscribed(app, token, "Message", Map.of("room", "a"));
        app.call("POST", "/classes/Message", Map.of("room", "a", "ACL", acl), null);
        assertEquals("create", client.next().get("op"));
        app.call("POST", "/logout", Map.of(), token);
        Thread.sleep(LIMITS.sessionCacheTtl().toMillis() * 3);
        app.call("POST", "/classes/Message", Map.of("room", "a", "ACL", acl), null);
        assertNull(client.poll(500), "a logged-out session must not hear of its user's objects");
        app.call("POST", "/classes/Message", Map.of("room", "a"), null);
        assertEquals("create", client.next().get("op"), "public objects still reach it, as Parse Server's do");
    }

    @Test
    void connectChecksTheKeysAsARestRequestDoes() {
        start("lqkeys");
        LiveQueryHarness.Client noKey = app.connect(Map.of("op", "connect", "applicationId", LiveQueryHarness.APP));
        Map<String, Object> refused = noKey.next();
        assertEquals("error", refused.get("op"));
        assertEquals(4, refused.get("code"));
        assertEquals(true, refused.get("reconnect"));
        LiveQueryHarness.Client wrongApp = app.connect(Map.of("op", "connect", "applicationId", "other",
                "masterKey", LiveQueryHarness.MASTER));
        assertEquals(4, wrongApp.next().get("code"));
        LiveQueryHarness.Client master = app.connect(Map.of("op", "connect", "applicationId", LiveQueryHarness.APP,
                "masterKey", LiveQueryHarness.MASTER));
        assertEquals("connected", master.next().get("op"));
    }

    @Test
    void onlyLiveClassesAcceptSubscriptionsAndASettingsChangeAppliesAtOnce() {
        start("lqlive");
        LiveQueryHarness.Client client = app.connect(connectFrame(null));
        client.next();
        client.send(subscribeFrame(5, "Note", Map.of()));
        Map<String, Object> refused = client.next();
        assertEquals("error", refused.get("op"));
        assertEquals(119, refused.get("code"));
        assertEquals(5, refused.get("requestId"));
        assertEquals(false, refused.get("reconnect"));

        app.settings.set(app.settings.get().withLiveQueryClasses(Set.of("Message", "Note")));
        client.send(subscribeFrame(5, "Note", Map.of()));
        assertEquals("subscribed", client.next().get("op"));
        app.call("POST", "/classes/Note", Map.of("text", "n"), null);
        assertEquals("create", client.next().get("op"));
    }

    @Test
    void limitsRefuseExtraSubscriptionsAndConnectionsAndCloseSlowConsumers() {
        start("lqlimits");
        LiveQueryHarness.Client client = subscribed(app, null, "Message", Map.of("room", "a"));
        client.send(subscribeFrame(2, "Message", Map.of("room", "b")));
        assertEquals("subscribed", client.next().get("op"));
        client.send(subscribeFrame(3, "Message", Map.of("room", "c")));
        Map<String, Object> refused = client.next();
        assertEquals(155, refused.get("code"));
        assertEquals(3, refused.get("requestId"));

        app.open(Integer.MAX_VALUE);
        app.open(Integer.MAX_VALUE);
        assertEquals(3, app.server.connectionCount());
        assertTrue(app.server.open(new LiveQueryHarness.Client(1), null).isEmpty());

        client.connection.closed();
        LiveQueryHarness.Client slow = app.open(2);
        slow.send(connectFrame(null));
        slow.send(subscribeFrame(1, "Message", Map.of("room", "a")));
        for (int i = 0; i < 3; i++) {
            app.call("POST", "/classes/Message", Map.of("room", "a"), null);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (slow.closeCode == null && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(CloseCodes.SLOW_CONSUMER, slow.closeCode);
    }

    @Test
    void framesPastTheMessageRateAreDroppedWithOneErrorPerSecond() throws InterruptedException {
        app = new LiveQueryHarness("lqrate", new LiveQueryLimits(3, 2, 65536, 100, Duration.ofMillis(100), 5),
                Set.of("Message"));
        LiveQueryHarness.Client client = app.connect(connectFrame(null));
        assertEquals("connected", client.next().get("op"));
        for (int i = 0; i < 20; i++) {
            client.send(Map.of("op", "unsubscribe", "requestId", 99));
        }
        List<Object> codes = new java.util.ArrayList<>();
        Map<String, Object> frame;
        while ((frame = client.poll(500)) != null) {
            codes.add(frame.get("code"));
        }
        // the connect and 4 unsubscribes fit the 5 a second (each unknown one answered with code 2, in order, off the
        // socket's thread), and the 15 over it get one 155 (sent at once, so it may come before those answers)
        codes.sort(java.util.Comparator.comparingInt(code -> (Integer) code));
        assertEquals(List.of(2, 2, 2, 2, 155), codes);
        Thread.sleep(1100);
        client.send(subscribeFrame(1, "Message", Map.of("room", "a")));
        assertEquals("subscribed", client.next().get("op"), "a new second has a new budget");
    }
}
