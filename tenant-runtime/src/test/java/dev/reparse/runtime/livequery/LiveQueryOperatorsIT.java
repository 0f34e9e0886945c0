package dev.reparse.runtime.livequery;

import static dev.reparse.runtime.livequery.LiveQueryHarness.castMap;
import static dev.reparse.runtime.livequery.LiveQueryHarness.connectFrame;
import static dev.reparse.runtime.livequery.LiveQueryHarness.subscribeFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions whose where uses query operators. These need {@link QueryMatcher}'s full operator set, written
 * apart from the LiveQuery server: with the equality-only skeleton every subscription here is refused with 102,
 * so this class fails until that work is merged.
 */
class LiveQueryOperatorsIT {
    private LiveQueryHarness app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private LiveQueryHarness.Client subscribed(String token, String className, Map<String, Object> where) {
        LiveQueryHarness.Client client = app.connect(connectFrame(token));
        assertEquals("connected", client.next().get("op"));
        client.send(subscribeFrame(1, className, where));
        Map<String, Object> answer = client.next();
        assertEquals("subscribed", answer.get("op"), answer::toString);
        return client;
    }

    private void start(String database) {
        app = new LiveQueryHarness(database, new LiveQueryLimits(10, 10, 65536, 100, Duration.ofMillis(100)),
                Set.of("Score", "_Session"));
    }

    private static String op(Map<String, Object> frame) {
        return (String) frame.get("op");
    }

    @Test
    void comparisonsDecideCreateEnterAndLeave() throws InterruptedException {
        start("lqopcompare");
        LiveQueryHarness.Client client = subscribed(null, "Score", Map.of("points", Map.of("$gt", 10)));
        app.call("POST", "/classes/Score", Map.of("points", 5), null);
        String id = (String) app.call("POST", "/classes/Score", Map.of("points", 20), null).get("objectId");
        Map<String, Object> created = client.next();
        assertEquals("create", op(created));
        assertEquals(id, castMap(created.get("object")).get("objectId"));
        app.call("PUT", "/classes/Score/" + id, Map.of("points", 3), null);
        assertEquals("leave", op(client.next()));
        app.call("PUT", "/classes/Score/" + id, Map.of("points", Map.of("__op", "Increment", "amount", 30)), null);
        assertEquals("enter", op(client.next()));
        assertNull(client.poll(300));
    }

    @Test
    void inRegexWithOptionsAndExistsMatchInMemoryAsInTheStore() {
        start("lqopmixed");
        LiveQueryHarness.Client inRooms = subscribed(null, "Score", Map.of("room", Map.of("$in", List.of("a", "b"))));
        LiveQueryHarness.Client byName = subscribed(null, "Score",
                Map.of("name", Map.of("$regex", "^al", "$options", "i")));
        LiveQueryHarness.Client flagged = subscribed(null, "Score", Map.of("flag", Map.of("$exists", true)));
        app.call("POST", "/classes/Score", Map.of("room", "c", "name", "bob"), null);
        app.call("POST", "/classes/Score", Map.of("room", "b", "name", "ALICE", "flag", false), null);
        assertEquals("b", castMap(inRooms.next().get("object")).get("room"));
        assertEquals("ALICE", castMap(byName.next().get("object")).get("name"));
        assertEquals(false, castMap(flagged.next().get("object")).get("flag"));
    }

    @Test
    void aUsersSessionSubscriptionSeesOnlyItsOwnSessions() throws InterruptedException {
        start("lqopsessions");
        String annToken = (String) app.call("POST", "/users", Map.of("username", "ann", "password", "pw-1"), null)
                .get("sessionToken");
        String bobToken = (String) app.call("POST", "/users", Map.of("username", "bob", "password", "pw-2"), null)
                .get("sessionToken");
        LiveQueryHarness.Client ann = subscribed(annToken, "_Session", Map.of());
        // sessions made through the core (POST /sessions); a login's session is stored by the users feature itself
        app.call("POST", "/sessions", Map.of(), bobToken);
        assertNull(ann.poll(500), "bob's session is not ann's business");
        app.call("POST", "/sessions", Map.of(), annToken);
        assertEquals("create", op(ann.next()));
    }
}
