package dev.reparse.runtime.livequery;

import static dev.reparse.runtime.livequery.LiveQueryHarness.castMap;
import static dev.reparse.runtime.livequery.LiveQueryHarness.connectFrame;
import static dev.reparse.runtime.livequery.LiveQueryHarness.subscribeFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiveQuery across replicas through a real Redis (the machine's {@code redis-server}, started on a free port): an
 * event published by one replica reaches every replica of the app, and no other app. Without redis-server the class
 * is skipped, except under CI=true, where it fails.
 */
class RedisBusIT {
    private static Process redis;
    private static URI uri;

    @BeforeAll
    static void startRedis() throws IOException, InterruptedException {
        Path server = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(server)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("redis-server is not installed (apt-get install redis-server)");
            }
            Assumptions.abort("redis-server is not installed");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = new ProcessBuilder(server.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        uri = URI.create("redis://127.0.0.1:" + port);
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static RedisBus bus(String appId) throws InterruptedException {
        RedisBus bus = new RedisBus(uri, appId);
        long deadline = System.currentTimeMillis() + 5000;
        while (!bus.subscribed() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(bus.subscribed(), "the bus did not subscribe to its channel");
        return bus;
    }

    @Test
    void anEventPublishedByOneReplicaReachesEveryReplicaOfTheAppAndNoOtherApp() throws Exception {
        try (RedisBus first = bus("appA"); RedisBus second = bus("appA"); RedisBus other = bus("appB")) {
            BlockingQueue<LiveQueryEvent> atFirst = new LinkedBlockingQueue<>();
            BlockingQueue<LiveQueryEvent> atSecond = new LinkedBlockingQueue<>();
            BlockingQueue<LiveQueryEvent> atOther = new LinkedBlockingQueue<>();
            first.subscribe(atFirst::add);
            second.subscribe(atSecond::add);
            other.subscribe(atOther::add);
            LiveQueryEvent event = new LiveQueryEvent("Message", Map.of("objectId", "m1", "text", "héllo"),
                    Map.of("objectId", "m1", "text", "before"), false);
            first.publish(event);
            assertEquals(event, atSecond.poll(5, TimeUnit.SECONDS));
            assertEquals(event, atFirst.poll(5, TimeUnit.SECONDS));
            assertNull(atOther.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aWriteOnOneReplicaReachesASubscriberOfAnother() throws Exception {
        LiveQueryLimits limits = new LiveQueryLimits(10, 10, 65536, 100, Duration.ofSeconds(1));
        try (RedisBus busOfA = bus("lqapp"); RedisBus busOfB = bus("lqapp");
                LiveQueryHarness replicaA = new LiveQueryHarness("lqredisa", limits, Set.of("Message"), busOfA);
                LiveQueryHarness replicaB = new LiveQueryHarness("lqredisb", limits, Set.of("Message"), busOfB)) {
            LiveQueryHarness.Client onB = replicaB.connect(connectFrame(null));
            assertEquals("connected", onB.next().get("op"));
            onB.send(subscribeFrame(1, "Message", Map.of("room", "r")));
            assertEquals("subscribed", onB.next().get("op"));
            String id = (String) replicaA.call("POST", "/classes/Message", Map.of("room", "r"), null).get("objectId");
            Map<String, Object> created = onB.next();
            assertEquals("create", created.get("op"));
            assertEquals(id, castMap(created.get("object")).get("objectId"));
            assertNotNull(castMap(created.get("object")).get("createdAt"));
        }
    }
}
