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
    /** The token tests send to the operator API. */
    public static final String OPERATOR_TOKEN = "test-operator-token";
    /** The platform key app keys are sealed with in tests. */
    public static final String PLATFORM_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static LocalMode local;
    private static FakeRouterUsage router;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (local == null) {
                Path dataDir = Files.createTempDirectory("reparse-control-plane-it");
                local = LocalMode.start(dataDir, LocalMode.Durability.FAST_UNSAFE);
                router = FakeRouterUsage.start(INTERNAL_TOKEN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(local.datasourceProperties());
        config.put("reparse.internal-token", INTERNAL_TOKEN);
        config.put("reparse.operator-token", OPERATOR_TOKEN);
        config.put("reparse.platform-key", PLATFORM_KEY);
        // Tests play clients at different addresses with X-Forwarded-For, as a proxy in front of the control plane would.
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        // Every test class creates apps in this one database: the platform's cap (PlatformCapacityIT tests it) must not
        // bite them.
        config.put("reparse.platform.max-apps", "100000");
        // Short lockouts, so a test can wait one out.
        config.put("reparse.login-throttle.lock", "2s");
        config.put("reparse.login-throttle.max-lock", "4s");
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
