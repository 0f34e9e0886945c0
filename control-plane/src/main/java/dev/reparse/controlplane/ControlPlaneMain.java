package dev.reparse.controlplane;

import dev.reparse.controlplane.local.LocalMode;
import dev.reparse.provisioning.local.LocalRouter;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

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
        Path dataDir = Path.of(setting("reparse.data-dir").orElse(".reparse/data")).toAbsolutePath();
        if (setting("reparse.internal-token").isEmpty()) {
            System.setProperty("reparse.internal-token", LocalMode.internalToken(dataDir));
        }
        if (setting("reparse.operator-token").isEmpty()) {
            System.setProperty("reparse.operator-token", LocalMode.secret(dataDir, "operator-token"));
        }
        System.setProperty("reparse.data-dir", dataDir.toString());
        // The local backend starts the router on reparse.router.local-host:local-port; usage is polled there.
        String routerPort = setting("reparse.router.local-port").orElse("1337");
        if (setting("reparse.router.url").isEmpty() && !routerPort.equals("0")) {
            String routerHost = setting("reparse.router.local-host").orElse("127.0.0.1");
            System.setProperty("reparse.router.url", LocalRouter.url(routerHost, Integer.parseInt(routerPort)));
        }
        LocalMode local = LocalMode.start(dataDir);
        Thread stopper = new Thread(local::close, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        local.datasourceProperties().forEach(System::setProperty);
        Quarkus.run(args);
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
