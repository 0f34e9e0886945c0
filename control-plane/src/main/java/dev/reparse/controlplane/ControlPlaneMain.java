package dev.reparse.controlplane;

import dev.reparse.controlplane.local.LocalMode;
import dev.reparse.controlplane.local.PlatformPidFile;
import dev.reparse.provisioning.local.LocalRouter;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Starts the control plane. Without {@code quarkus.datasource.reactive.url} (local mode) it first starts an embedded
 * PostgreSQL under the data dir and, when no internal or operator token is given, generates them there; all must exist before
 * Quarkus builds its datasource and configuration, so this happens here rather than in a bean.
 */
@QuarkusMain
public final class ControlPlaneMain {
    private ControlPlaneMain() {
    }

    public static void main(String... args) {
        if (setting("quarkus.datasource.reactive.url").isPresent()) {
            Quarkus.run(args);
            return;
        }
        quietUntilQuarkusLogs();
        Path dataDir = Path.of(setting("reparse.data-dir").orElse(".reparse/data")).toAbsolutePath();
        LocalMode local;
        try {
            LocalMode.privateDirectory(dataDir);
            if (setting("reparse.internal-token").isEmpty()) {
                System.setProperty("reparse.internal-token", LocalMode.internalToken(dataDir));
            }
            local = LocalMode.start(dataDir, setting("reparse.local.postgres-unsafe-fast").map(Boolean::parseBoolean)
                .orElse(false) ? LocalMode.Durability.FAST_UNSAFE : LocalMode.Durability.DURABLE);
        } catch (RuntimeException e) {
            // One line, not zonky's and the JDK's stack traces: the cause says what to do. On stderr itself: until
            // Quarkus configures logging, log records wait in a queue that exiting here would drop.
            System.err.printf("%s ERROR [%s] the control plane cannot start: %s%n", Instant.now(),
                ControlPlaneMain.class.getName(), e.getMessage());
            System.exit(1);
            return;
        }
        if (setting("reparse.platform-key").isEmpty()) {
            System.setProperty("reparse.platform-key", LocalMode.secret(dataDir, "platform-key"));
        }
        if (setting("reparse.operator-token").isEmpty()) {
            System.setProperty("reparse.operator-token", LocalMode.secret(dataDir, "operator-token"));
        }
        System.setProperty("reparse.data-dir", dataDir.toString());
        // The local backend starts the router on reparse.router.local-host:local-port; usage is polled there.
        String routerPort = setting("reparse.router.local-port").orElse("1337");
        String routerHost = setting("reparse.router.local-host").orElse("127.0.0.1");
        if (setting("reparse.router.url").isEmpty() && !routerPort.equals("0")) {
            System.setProperty("reparse.router.url", LocalRouter.url(routerHost, Integer.parseInt(routerPort)));
        }
        PlatformPidFile pidFile = new PlatformPidFile(ProcessHandle.current().pid(),
            Integer.parseInt(setting("quarkus.http.port").orElse("4040")), Integer.parseInt(routerPort),
            setting("quarkus.http.host").orElse("127.0.0.1"));
        pidFile.write(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            PlatformPidFile.delete(dataDir);
        }, "embedded-postgres-stop"));
        local.datasourceProperties().forEach(System::setProperty);
        Quarkus.run(args);
    }

    /**
     * Until Quarkus applies its log settings every logger is at its most verbose: the JDK's ProcessBuilder logs each
     * start with a stack trace, zonky its progress. INFO for all and WARN for zonky keep a failed start to one line.
     */
    private static void quietUntilQuarkusLogs() {
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
        java.util.logging.Logger.getLogger("io.zonky").setLevel(Level.WARNING);
    }

    /** A setting as system property or environment variable, read before Quarkus' configuration exists. */
    private static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
