package dev.reparse.provisioning.local;

import dev.reparse.provisioning.s3.S3Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

/**
 * The shared stores of {@code ./reparse up}, each a supervised child JVM on loopback: the
 * MongoDB-wire server (mongo-java-server, H2 backend, under {@code <data-dir>/mongo}) and the S3
 * server (s3proxy, filesystem backend, under {@code <data-dir>/s3}, credentials kept across
 * restarts). A server a previous control plane left running is adopted. Closing stops both.
 */
public final class LocalInfrastructure implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String MONGO_MAIN = "dev.reparse.runtime.storage.mongo.EmbeddedMongoMain";
    private static final String S3_ACCESS_KEY = "reparse";

    private final ChildProcess mongo;
    private final ChildProcess s3;
    private final String mongoUri;
    private final S3Connection s3Connection;
    private final Thread shutdownHook;

    private LocalInfrastructure(ChildProcess mongo, int mongoPort, ChildProcess s3, S3Connection s3Connection) {
        this.mongo = mongo;
        this.s3 = s3;
        this.mongoUri = "mongodb://127.0.0.1:" + mongoPort;
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
            return new LocalInfrastructure(mongo.process(), mongo.port(), s3.process(),
                    new S3Connection("http://127.0.0.1:" + s3.port(), "us-east-1", S3_ACCESS_KEY, secret, true));
        } catch (RuntimeException e) {
            mongo.process().stop(STOP_GRACE);
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
        Thread stopS3 = Thread.ofVirtual().start(() -> s3.stop(STOP_GRACE));
        mongo.stop(STOP_GRACE);
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

    /** One server child: started on a port, or adopted from its pid file. */
    private record Server(ChildProcess process, int port) {
        static Server startOrAdopt(Path dir, String name, int configuredPort,
                java.util.function.IntFunction<List<String>> command) {
            Path pidFile = dir.resolve(name + ".pid");
            Optional<PidFile> recorded = PidFile.read(pidFile);
            String marker = dir.toString();
            if (recorded.isPresent() && (configuredPort == 0 || configuredPort == recorded.get().port())) {
                Optional<ChildProcess> leftover = ChildProcess.adopt(recorded.get().pid(), marker);
                if (leftover.isPresent() && listening(recorded.get().port())) {
                    return new Server(leftover.get(), recorded.get().port());
                }
                leftover.ifPresent(p -> p.stop(STOP_GRACE));
            }
            int port = configuredPort != 0 ? configuredPort
                    : recorded.map(PidFile::port).filter(LocalFiles::portFree).orElseGet(LocalFiles::freePort);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChildProcess process = ChildProcess.start(command.apply(port), Map.of(), List.of("JAVA_TOOL_OPTIONS"),
                    dir.resolve(name + ".log"));
            new PidFile(process.pid(), port, name).write(pidFile);
            awaitListening(process, port, name, dir.resolve(name + ".log"));
            return new Server(process, port);
        }

        private static void awaitListening(ChildProcess process, int port, String name, Path log) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.alive()) {
                    throw new IllegalStateException(name + " exited while starting; see " + log);
                }
                if (listening(port)) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            process.stop(STOP_GRACE);
            throw new IllegalStateException(name + " did not listen on port " + port + " within " + START_TIMEOUT
                    + "; see " + log);
        }

        private static boolean listening(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
