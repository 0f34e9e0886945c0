package dev.reparse.controlplane.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * One real Keycloak per test JVM, run from the {@code keycloak-quarkus-dist} zip Maven unpacked into
 * {@code target/keycloak}. {@code kc.sh build} runs once per unpacked copy (a marker file remembers it), then every
 * test run starts it {@code --optimized} on a free port with an empty dev-file database, as a child process that is
 * destroyed with all its descendants when the JVM exits.
 */
public final class KeycloakServer {
    /** The bootstrap admin of the master realm. */
    public static final String ADMIN_USERNAME = "reparse-test-admin";
    /** Its password (a throwaway, local to the test Keycloak). */
    public static final String ADMIN_PASSWORD = "reparse-test-admin-password";
    private static final Logger LOG = Logger.getLogger(KeycloakServer.class);
    // Options fixed at build time: an embedded H2 file database, local caches (no JGroups cluster), no management port.
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--cache=local", "--health-enabled=false",
        "--metrics-enabled=false");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static KeycloakServer running;

    private final String url;
    private final Duration startup;

    private KeycloakServer(String url, Duration startup) {
        this.url = url;
        this.startup = startup;
    }

    /** Whether the distribution is unpacked here (and not switched off with {@code -DskipKeycloakIT}). */
    public static boolean available() {
        return !Boolean.getBoolean("skipKeycloakIT") && (external().isPresent() || distribution().isPresent());
    }

    /** The server, started on first call. */
    public static synchronized KeycloakServer get() {
        if (running == null) {
            running = external().map(url -> new KeycloakServer(url, Duration.ZERO)).orElseGet(KeycloakServer::start);
        }
        return running;
    }

    /**
     * A Keycloak already running with this class's admin credentials ({@code -Dkeycloak.it.url=http://...}), which saves
     * the start while iterating on the tests; unset, the tests start their own.
     */
    private static Optional<String> external() {
        return Optional.ofNullable(System.getProperty("keycloak.it.url")).filter(u -> !u.isBlank());
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /** How long the last start took until the master realm answered. */
    public Duration startup() {
        return startup;
    }

    private static Optional<Path> distribution() {
        Path root = Path.of("target", "keycloak");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).findFirst().map(Path::toAbsolutePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeycloakServer start() {
        Path home = distribution().orElseThrow(() -> new IllegalStateException(
            "no Keycloak distribution under target/keycloak; run the build without -DskipKeycloakIT"));
        try {
            buildOnce(home);
            deleteTree(home.resolve("data"));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false", "--http-host=127.0.0.1", "--http-port=" + port));
            long began = System.nanoTime();
            Process process = launch(home, command, "keycloak.log");
            String url = "http://127.0.0.1:" + port;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
            awaitReady(process, url, home.resolve("keycloak.log"));
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            LOG.infof("Keycloak ready at %s after %d s", url, took.toSeconds());
            return new KeycloakServer(url, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kc.sh build} takes a minute or more; its result stays in the unpacked distribution for later runs. */
    private static void buildOnce(Path home) throws IOException {
        Path marker = home.resolve(".reparse-built");
        String wanted = String.join(" ", BUILD_OPTIONS);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(wanted)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        long began = System.nanoTime();
        Process build = launch(home, command, "keycloak-build.log");
        try {
            if (!build.waitFor(15, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed; see " + home.resolve("keycloak-build.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during kc.sh build", e);
        }
        LOG.infof("kc.sh build took %d s", Duration.ofNanos(System.nanoTime() - began).toSeconds());
        Files.writeString(marker, wanted);
    }

    private static Process launch(Path home, List<String> command, String logName) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
            .redirectOutput(home.resolve(logName).toFile());
        Map<String, String> env = builder.environment();
        // Keycloak runs on the JDK running the tests.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Keycloak's default heap is 70% of RAM; the build machines are shared.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        return builder.start();
    }

    private static void awaitReady(Process process, String url, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/realms/master")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT + "; see " + log);
    }

    private static void stop(Process process) {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
