package dev.reparse.controlplane;

import dev.reparse.controlplane.jobs.FakeApps;
import dev.reparse.controlplane.local.LocalMode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One real PostgreSQL per test JVM (zonky binaries, as local mode runs it), plus a stand-in router usage endpoint,
 * shared by every {@code *IT} so Quarkus boots once.
 */
public final class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    /** The token tests send to internal routes. */
    public static final String INTERNAL_TOKEN = "test-internal-token";
    private static LocalMode local;
    private static FakeRouterUsage router;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (local == null) {
                Path dataDir = Files.createTempDirectory("reparse-control-plane-it");
                local = LocalMode.start(dataDir);
                router = FakeRouterUsage.start(INTERNAL_TOKEN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(local.datasourceProperties());
        config.put("reparse.internal-token", INTERNAL_TOKEN);
        config.put("reparse.provisioning.backend", "in-memory");
        config.put("reparse.identity.bcrypt-cost", "4");
        config.put("reparse.router.url", router.url());
        config.put("reparse.router.usage-poll-interval", "200ms");
        // JobSchedulerIT drives its own schedulers with a test clock
        config.put("reparse.jobs.enabled", "false");
        config.put("reparse.jobs.api-url", FakeApps.shared().api().toString());
        return config;
    }

    /** The stand-in router whose counters the usage test sets. */
    public static FakeRouterUsage router() {
        return router;
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: later test classes reuse the same database.
    }
}
