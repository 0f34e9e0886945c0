package dev.reparse.provisioning.local;

import dev.reparse.provisioning.s3.S3Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.time.Instant;

/**
 * The shared stores of {@code ./reparse up}, each a supervised child JVM on loopback: the
 * MongoDB-wire server (mongo-java-server, H2 backend, under {@code <data-dir>/mongo}) and the S3
 * server (s3proxy, filesystem backend, under {@code <data-dir>/s3}, credentials kept across
 * restarts). A server a previous control plane left running is adopted; one that exits on its own is started again
 * on the same port. Closing stops both.
 */
public final class LocalInfrastructure implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String MONGO_MAIN = "dev.reparse.runtime.storage.mongo.EmbeddedMongoMain";
    private static final String S3_ACCESS_KEY = "reparse";

    private static final System.Logger LOG = System.getLogger(LocalInfrastructure.class.getName());

    private final Server mongo;
    private final Server s3;
    private final String mongoUri;
    private final S3Connection s3Connection;
    private final Thread shutdownHook;

    private LocalInfrastructure(Server mongo, Server s3, S3Connection s3Connection) {
        this.mongo = mongo;
        this.s3 = s3;
        this.mongoUri = "mongodb://127.0.0.1:" + mongo.port();
        this.s3Connection = s3Connection;
        this.shutdownHook = new Thread(() -> {
            mongo.kill();
            s3.kill();
        }, "local-infrastructure-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Where the stores' programs are and where they keep data.
     *
     * @param runtimeApp the tenant runtime's build ({@code tenant-runtime/target/quarkus-app}), which holds the mongo server
     * @param s3proxyJar s3proxy's jar ({@code tenant-runtime/target/embedded-s3/s3proxy.jar})
     * @param mongoPort the MongoDB-wire port; 0 keeps the last one when free, else picks one
     * @param s3Port the S3 port; 0 as for mongo
     */
    public record Options(Path runtimeApp, Path s3proxyJar, Path dataDir, int mongoPort, int s3Port) {
        public Options {
            runtimeApp = runtimeApp.toAbsolutePath().normalize();
            s3proxyJar = s3proxyJar.toAbsolutePath().normalize();
            dataDir = dataDir.toAbsolutePath().normalize();
            if (!Files.isRegularFile(s3proxyJar)) {
                throw new IllegalArgumentException("s3proxy's jar is missing at " + s3proxyJar + ": build tenant-runtime");
            }
        }

        /** The layout of a tenant-runtime build: s3proxy next to quarkus-app. */
        public static Options of(Path runtimeApp, Path dataDir) {
            Path app = runtimeApp.toAbsolutePath().normalize();
            return new Options(app, app.resolveSibling("embedded-s3").resolve("s3proxy.jar"), dataDir, 0, 0);
        }
    }

    /** Starts (or adopts) both servers and waits until they accept connections. */
    public static LocalInfrastructure start(Options options) {
        Path mongoDir = options.dataDir().resolve("mongo");
        Path s3Dir = options.dataDir().resolve("s3");
        List<String> mongoCommand = new ArrayList<>(jvm());
        mongoCommand.addAll(List.of("-cp", classPath(options.runtimeApp()), MONGO_MAIN, "--data-dir",
                mongoDir.toString()));
        Server mongo = Server.startOrAdopt(mongoDir, "mongo", options.mongoPort(), port -> {
            List<String> command = new ArrayList<>(mongoCommand);
            command.addAll(List.of("--port", Integer.toString(port)));
            return command;
        });
        Server s3;
        try {
            String secret = s3Secret(s3Dir);
            s3 = Server.startOrAdopt(s3Dir, "s3proxy", options.s3Port(), port -> s3Command(options, s3Dir, port, secret));
            return new LocalInfrastructure(mongo, s3,
                    new S3Connection("http://127.0.0.1:" + s3.port(), "us-east-1", S3_ACCESS_KEY, secret, true));
        } catch (RuntimeException e) {
            mongo.stop();
            throw e;
        }
    }

    /** The shared MongoDB-wire server, without a database name. */
    public String mongoUri() {
        return mongoUri;
    }

    /** The shared S3 server and its single identity. */
    public S3Connection s3() {
        return s3Connection;
    }

    @Override
    public void close() {
        Thread stopS3 = Thread.ofVirtual().start(s3::stop);
        mongo.stop();
        try {
            stopS3.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    /** Lets go of both servers without stopping them, as a control plane that dies does: for tests of adoption. */
    void abandon() {
        mongo.abandon();
        s3.abandon();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private static List<String> s3Command(Options options, Path s3Dir, int port, String secret) {
        Path blobs = s3Dir.resolve("blobs");
        try {
            Files.createDirectories(blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path properties = s3Dir.resolve("s3proxy.properties");
        LocalFiles.writePrivate(properties, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + S3_ACCESS_KEY,
                "s3proxy.credential=" + secret, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs) + "\n");
        List<String> command = new ArrayList<>(jvm());
        command.addAll(List.of("-jar", options.s3proxyJar().toString(), "--properties", properties.toString()));
        return command;
    }

    /** The S3 secret of earlier runs (objects stay readable by runtimes started then), or a new one. */
    private static String s3Secret(Path s3Dir) {
        Path file = s3Dir.resolve("s3proxy.properties");
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (var in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String secret = properties.getProperty("s3proxy.credential");
            if (secret != null && !secret.isBlank()) {
                return secret;
            }
        }
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static List<String> jvm() {
        return List.of(LocalFiles.javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    private static String classPath(Path runtimeApp) {
        return String.join(java.io.File.pathSeparator, runtimeApp.resolve("lib/main/*").toString(),
                runtimeApp.resolve("app/*").toString(), runtimeApp.resolve("lib/boot/*").toString());
    }

    /**
     * One server child: started on a port, or adopted from its pid file, and started again on the same port (with
     * backoff) when it exits on its own, so runtimes reconnect to the address they were given.
     */
    private static final class Server {
        private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
        private static final Duration MAX_RESTART = Duration.ofSeconds(30);
        private final Path dir;
        private final String name;
        private final int port;
        private final IntFunction<List<String>> command;
        private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("store-supervisor").daemon().factory());
        private volatile ChildProcess process;
        private volatile boolean closed;
        private Instant startedAt = Instant.now();
        private int crashes;

        private Server(Path dir, String name, int port, IntFunction<List<String>> command) {
            this.dir = dir;
            this.name = name;
            this.port = port;
            this.command = command;
        }

        static Server startOrAdopt(Path dir, String name, int configuredPort, IntFunction<List<String>> command) {
            Path pidFile = dir.resolve(name + ".pid");
            Optional<PidFile> recorded = PidFile.read(pidFile);
            String marker = dir.toString();
            if (recorded.isPresent() && (configuredPort == 0 || configuredPort == recorded.get().port())) {
                Optional<ChildProcess> leftover = ChildProcess.adopt(recorded.get().pid(), marker);
                if (leftover.isPresent() && LocalFiles.listening(recorded.get().port())) {
                    LOG.log(System.Logger.Level.INFO, "adopted the running {0} (pid {1,number,#}) on port {2,number,#}", name,
                            leftover.get().pid(), recorded.get().port());
                    Server server = new Server(dir, name, recorded.get().port(), command);
                    server.watch(leftover.get());
                    return server;
                }
                leftover.ifPresent(p -> {
                    LOG.log(System.Logger.Level.INFO, "stopping the {0} (pid {1,number,#}) an earlier run left (not listening)",
                            name, p.pid());
                    p.stop(STOP_GRACE);
                });
            }
            int port = configuredPort != 0 ? configuredPort
                    : recorded.map(PidFile::port).filter(LocalFiles::portFree).orElseGet(LocalFiles::freePort);
            Server server = new Server(dir, name, port, command);
            server.launch();
            return server;
        }

        ChildProcess process() {
            return process;
        }

        int port() {
            return port;
        }

        private synchronized void launch() {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path log = dir.resolve(name + ".log");
            ChildProcess started = ChildProcess.start(command.apply(port), Map.of(), List.of("JAVA_TOOL_OPTIONS"), log);
            new PidFile(started.pid(), port, name).write(dir.resolve(name + ".pid"));
            awaitListening(started, log);
            startedAt = Instant.now();
            watch(started);
        }

        private void watch(ChildProcess watched) {
            process = watched;
            watched.onExit().thenRun(() -> exited(watched));
        }

        private synchronized void exited(ChildProcess exited) {
            if (closed || exited != process) {
                return;
            }
            crashes = Duration.between(startedAt, Instant.now()).compareTo(Duration.ofMinutes(1)) > 0 ? 1 : crashes + 1;
            Duration wait = FIRST_RESTART.multipliedBy(1L << Math.min(crashes - 1, 10));
            wait = wait.compareTo(MAX_RESTART) > 0 ? MAX_RESTART : wait;
            LOG.log(System.Logger.Level.WARNING,
                    "{0} (pid {1,number,#}) exited; restarting it on port {2,number,#} in {3,number,#} ms; see {4}",
                    name, exited.pid(), port, wait.toMillis(), dir.resolve(name + ".log"));
            timers.schedule(this::relaunch, wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void relaunch() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    launch();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "restarting {0} failed: {1}", name, e.getMessage());
                    exited(process);
                }
            }
        }

        void stop() {
            closed = true;
            timers.shutdownNow();
            ChildProcess current = process;
            if (current != null) {
                current.stop(STOP_GRACE);
            }
        }

        void abandon() {
            closed = true;
            timers.shutdownNow();
        }

        void kill() {
            closed = true;
            ChildProcess current = process;
            if (current != null) {
                current.kill();
            }
        }

        private void awaitListening(ChildProcess started, Path log) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!started.alive()) {
                    throw new IllegalStateException(name + " exited while starting; see " + log);
                }
                if (LocalFiles.listening(port)) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            started.stop(STOP_GRACE);
            throw new IllegalStateException(name + " did not listen on port " + port + " within " + START_TIMEOUT
                    + "; see " + log);
        }
    }
}
