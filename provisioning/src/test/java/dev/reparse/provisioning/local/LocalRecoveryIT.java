package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed control plane leaves behind: the next one adopts the running router and stores (the router's port
 * never refuses a connection), and a router or store killed on its own comes back on its port.
 */
class LocalRecoveryIT {
    private static final Path RUNTIME_APP = Path.of(System.getProperty("reparse.runtime-app",
            "../tenant-runtime/target/quarkus-app"));
    private static final Path ROUTER_APP = Path.of("../router/target/quarkus-app");

    private static LocalRouter.Options router(Path dataDir, int port, String token) {
        return new LocalRouter.Options(ROUTER_APP, dataDir, "127.0.0.1", port, "http://127.0.0.1:9", token);
    }

    private static long recordedPid(Path pidFile) {
        return PidFile.read(pidFile).orElseThrow(() -> new AssertionError("no pid file " + pidFile)).pid();
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aRunningRouterIsAdoptedWithoutRefusingAConnectionAndRestartedWhenKilled(@TempDir Path dataDir) throws Exception {
        int port = LocalFiles.freePort();
        Path pidFile = dataDir.resolve("router/router.pid");
        LocalRouter first = LocalRouter.start(router(dataDir, port, "token"));
        await("the router listens", Duration.ofSeconds(60), () -> LocalFiles.listening(port));
        long pid = recordedPid(pidFile);
        first.abandon();

        AtomicBoolean probing = new AtomicBoolean(true);
        AtomicInteger refused = new AtomicInteger();
        Thread probe = Thread.ofVirtual().start(() -> {
            while (probing.get()) {
                if (!LocalFiles.listening(port)) {
                    refused.incrementAndGet();
                }
            }
        });
        LocalRouter second = LocalRouter.start(router(dataDir, port, "token"));
        Thread.sleep(500);
        probing.set(false);
        probe.join();
        try {
            assertEquals(pid, recordedPid(pidFile), "the running router is adopted");
            assertEquals(0, refused.get(), "refused connections while the next control plane took over");

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            await("a new router listens after a kill -9", Duration.ofSeconds(60),
                    () -> recordedPid(pidFile) != pid && LocalFiles.listening(port));
        } finally {
            long last = recordedPid(pidFile);
            second.close();
            assertFalse(alive(last), "closing stops the router");
            assertFalse(Files.exists(pidFile));
        }
    }

    @Test
    void aLeftoverRouterStartedWithOtherSettingsIsReplaced(@TempDir Path dataDir) throws Exception {
        int port = LocalFiles.freePort();
        Path pidFile = dataDir.resolve("router/router.pid");
        LocalRouter first = LocalRouter.start(router(dataDir, port, "old-token"));
        await("the router listens", Duration.ofSeconds(60), () -> LocalFiles.listening(port));
        long pid = recordedPid(pidFile);
        first.abandon();

        LocalRouter second = LocalRouter.start(router(dataDir, port, "new-token"));
        try {
            assertFalse(alive(pid), "the router with the old token is stopped");
            assertNotEquals(pid, recordedPid(pidFile));
        } finally {
            second.close();
        }
    }

    @Test
    void aLeftoverRouterOfAnOlderBuildIsReplaced(@TempDir Path dataDir, @TempDir Path build) throws Exception {
        // a build of its own (links to the real one's parts, a copy of its jar) whose jar can be "rebuilt"
        for (String part : new String[] {"app", "lib", "quarkus"}) {
            Files.createSymbolicLink(build.resolve(part), ROUTER_APP.resolve(part).toAbsolutePath());
        }
        Path jar = Files.copy(ROUTER_APP.resolve("quarkus-run.jar"), build.resolve("quarkus-run.jar"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        int port = LocalFiles.freePort();
        Path pidFile = dataDir.resolve("router/router.pid");
        LocalRouter.Options options = new LocalRouter.Options(build, dataDir, "127.0.0.1", port, "http://127.0.0.1:9",
                "token");
        LocalRouter first = LocalRouter.start(options);
        await("the router listens", Duration.ofSeconds(60), () -> LocalFiles.listening(port));
        long pid = recordedPid(pidFile);
        first.abandon();

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        LocalRouter second = LocalRouter.start(options);
        try {
            assertFalse(alive(pid), "the router of the older build is stopped");
            assertNotEquals(pid, recordedPid(pidFile));
        } finally {
            second.close();
        }
    }

    @Test
    void runningStoresAreAdoptedAndAKilledOneComesBackOnItsPort(@TempDir Path dataDir) throws Exception {
        LocalInfrastructure first = LocalInfrastructure.start(LocalInfrastructure.Options.of(RUNTIME_APP, dataDir));
        Path mongoPid = dataDir.resolve("mongo/mongo.pid");
        Path s3Pid = dataDir.resolve("s3/s3proxy.pid");
        long mongo = recordedPid(mongoPid);
        long s3 = recordedPid(s3Pid);
        first.abandon();

        LocalInfrastructure second = LocalInfrastructure.start(LocalInfrastructure.Options.of(RUNTIME_APP, dataDir));
        try {
            assertEquals(first.mongoUri(), second.mongoUri());
            assertEquals(first.s3().endpoint(), second.s3().endpoint());
            assertEquals(mongo, recordedPid(mongoPid), "the running MongoDB-wire server is adopted");
            assertEquals(s3, recordedPid(s3Pid), "the running S3 server is adopted");

            try (MongoClient client = MongoClients.create(second.mongoUri())) {
                client.getDatabase("survivor").getCollection("things").insertOne(new org.bson.Document("name", "kept"));
            }
            // the H2 backend (MVStore) writes its changes to disk within a second
            Thread.sleep(2000);
            ProcessHandle.of(mongo).orElseThrow().destroyForcibly();
            ProcessHandle.of(s3).orElseThrow().destroyForcibly();
            int s3Port = java.net.URI.create(second.s3().endpoint()).getPort();
            await("both stores are back", Duration.ofSeconds(60), () -> recordedPid(mongoPid) != mongo
                    && recordedPid(s3Pid) != s3 && LocalFiles.listening(s3Port)
                    && LocalFiles.listening(java.net.URI.create(second.mongoUri()).getPort()));
            try (MongoClient client = MongoClients.create(second.mongoUri())) {
                assertTrue(client.getDatabase("survivor").getCollection("things").find().into(new ArrayList<>())
                        .stream().anyMatch(d -> "kept".equals(d.getString("name"))), "the data survived the kill");
            }
        } finally {
            long lastMongo = recordedPid(mongoPid);
            long lastS3 = recordedPid(s3Pid);
            second.close();
            assertFalse(alive(lastMongo));
            assertFalse(alive(lastS3));
        }
    }
}
