package dev.reparse.provisioning.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Local mode's router: one child JVM ({@code router/target/quarkus-app}) that polls this control plane's route
 * table, restarted with backoff when it exits on its own, stopped on close or when this JVM exits. Its output goes
 * to {@code <data-dir>/router/router.log}; the internal token travels in its environment, never on a command line.
 */
public final class LocalRouter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalRouter.class.getName());
    private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Options options;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("router-supervisor").daemon().factory());
    private final Thread shutdownHook = new Thread(this::kill, "local-router-stop");
    private volatile boolean closed;
    private volatile ChildProcess child;
    private Instant startedAt;
    private int crashes;

    /**
     * Where the router is and how it reaches the control plane.
     *
     * @param routerApp the router's build, {@code router/target/quarkus-app}
     * @param dataDir local mode's data dir; the router keeps its log and pid file in {@code router/} under it
     * @param host the address the public API listens on: loopback ({@code 127.0.0.1}) unless told otherwise
     * @param port the public API port ({@code 1337})
     * @param controlUrl the control plane's base URL, whose {@code /internal/v1/routes} the router polls
     * @param internalToken the shared secret of internal routes
     */
    public record Options(Path routerApp, Path dataDir, String host, int port, String controlUrl, String internalToken) {
        public Options {
            routerApp = routerApp.toAbsolutePath().normalize();
            dataDir = dataDir.toAbsolutePath().normalize();
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the router needs an address to listen on, e.g. 127.0.0.1");
            }
            Objects.requireNonNull(controlUrl, "controlUrl");
            Objects.requireNonNull(internalToken, "internalToken");
            if (!Files.isRegularFile(routerApp.resolve("quarkus-run.jar"))) {
                throw new IllegalArgumentException("no router build at " + routerApp
                        + " (quarkus-run.jar missing): build the router module first");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the router port must be 1-65535, got " + port);
            }
        }

        Path dir() {
            return dataDir.resolve("router");
        }
    }

    private LocalRouter(Options options) {
        this.options = options;
    }

    /**
     * Starts the router without waiting for it to listen (it keeps polling until the control plane answers). A router
     * an earlier control plane left running on this data dir is adopted when it was started the same way and still
     * listens (apps see no gap while the control plane restarts), else stopped; a port taken by anything else fails.
     */
    public static LocalRouter start(Options options) {
        LocalRouter router = new LocalRouter(options);
        Runtime.getRuntime().addShutdownHook(router.shutdownHook);
        try {
            if (!router.adoptLeftover()) {
                if (!LocalFiles.portFree(options.port())) {
                    throw new IllegalStateException("port " + options.port() + " is in use: stop what listens there"
                            + " or pick another API port");
                }
                router.launch();
            }
        } catch (RuntimeException e) {
            router.removeShutdownHook();
            throw e;
        }
        return router;
    }

    /** The router's base URL as this machine reaches it. */
    public String url() {
        return url(options.host(), options.port());
    }

    /**
     * The base URL of a server (this router, the control plane) listening on {@code host:port}, as this machine reaches
     * it: loopback when it listens on every interface ({@code 0.0.0.0}, {@code ::}), else that address.
     */
    public static String url(String host, int port) {
        String reachable = switch (host) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return "http://" + reachable + ":" + port;
    }

    private synchronized void launch() {
        if (closed) {
            return;
        }
        try {
            Files.createDirectories(options.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess started = ChildProcess.start(command(), env(), RuntimeLaunch.FOREIGN_ENV,
                options.dir().resolve("router.log"));
        child = started;
        startedAt = Instant.now();
        new PidFile(started.pid(), options.port(), fingerprint()).write(pidFile());
        started.onExit().thenRun(() -> exited(started));
        LOG.log(System.Logger.Level.INFO, "router (pid {0,number,#}) starting on port {1,number,#}", started.pid(), options.port());
    }

    private Map<String, String> env() {
        return Map.of(
                "REPARSE_ROUTER_HOST", options.host(),
                "REPARSE_ROUTER_PORT", Integer.toString(options.port()),
                "REPARSE_ROUTER_CONTROL_URL", options.controlUrl(),
                "REPARSE_ROUTER_INTERNAL_TOKEN", options.internalToken());
    }

    /** What this router is started with, hashed: a leftover started otherwise (other port, token, build) is replaced. */
    private String fingerprint() {
        List<String> launch = new ArrayList<>(command());
        try {
            launch.add("built " + Files.getLastModifiedTime(options.routerApp().resolve("quarkus-run.jar")).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the router's build at " + options.routerApp(), e);
        }
        return RuntimeLaunch.fingerprint(launch, env());
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(LocalFiles.javaBinary());
        // every request of every app crosses the router: full C2 compilation pays for itself, unlike in short-lived tools
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", marker()));
        command.addAll(List.of("-jar", options.routerApp().resolve("quarkus-run.jar").toString()));
        return command;
    }

    /** A property no code reads: it tells this data dir's router apart from any other process. */
    private String marker() {
        return "-Dreparse-local-router=" + options.dir();
    }

    private synchronized void exited(ChildProcess exited) {
        if (closed || exited != child) {
            return;
        }
        crashes = Duration.between(startedAt, Instant.now()).compareTo(STABLE) > 0 ? 1 : crashes + 1;
        Duration wait = FIRST_RESTART.multipliedBy(1L << Math.min(crashes - 1, 10));
        wait = wait.compareTo(MAX_RESTART) > 0 ? MAX_RESTART : wait;
        LOG.log(System.Logger.Level.WARNING, "router (pid {0,number,#}) exited; restarting in {1,number,#} ms; see {2}", exited.pid(),
                wait.toMillis(), options.dir().resolve("router.log"));
        timers.schedule(this::launch, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adopts the router an earlier control plane left, when it is ours, current and listening; else stops it. */
    private synchronized boolean adoptLeftover() {
        Optional<PidFile> recorded = PidFile.read(pidFile());
        Optional<ChildProcess> leftover = recorded.flatMap(p -> ChildProcess.adopt(p.pid(), marker()));
        if (leftover.isEmpty()) {
            return false;
        }
        boolean current = recorded.get().port() == options.port() && recorded.get().launch().equals(fingerprint());
        if (current && LocalFiles.listening(reachableHost(), options.port())) {
            ChildProcess adopted = leftover.get();
            child = adopted;
            startedAt = Instant.now();
            adopted.onExit().thenRun(() -> exited(adopted));
            LOG.log(System.Logger.Level.INFO, "adopted the running router (pid {0,number,#}) on port {1,number,#}", adopted.pid(),
                    options.port());
            return true;
        }
        LOG.log(System.Logger.Level.INFO, "stopping the router (pid {0,number,#}) an earlier run left ({1})",
                leftover.get().pid(), current ? "not listening" : "started with other settings");
        leftover.get().stop(STOP_GRACE);
        return false;
    }

    private String reachableHost() {
        String host = java.net.URI.create(url()).getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private Path pidFile() {
        return options.dir().resolve("router.pid");
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        ChildProcess current = child;
        if (current != null) {
            current.stop(STOP_GRACE);
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + pidFile(), e);
        }
        removeShutdownHook();
    }

    /** Lets go of the router without stopping it, as a control plane that dies does: for tests of adoption. */
    void abandon() {
        closed = true;
        timers.shutdownNow();
        child = null;
        removeShutdownHook();
    }

    /** For the JVM shutdown hook: no lock, SIGTERM, a few seconds, then SIGKILL. */
    private void kill() {
        closed = true;
        ChildProcess current = child;
        if (current != null) {
            current.kill();
            current.killForciblyAfter(System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
    }
}
