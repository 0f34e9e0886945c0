package dev.reparse.runtime.files.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An S3 server for local use: s3proxy with its filesystem backend, as a child JVM from its own
 * jar (its jclouds, Jetty and logback would clash with the runtime's class path), on a loopback
 * port, with fresh credentials each start. Objects live under {@code <data dir>/s3}.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String JAR_NAME = "s3proxy.jar";

    private final Process process;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Thread shutdownHook;

    private EmbeddedS3(Process process, int port, String accessKey, String secretKey) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.shutdownHook = new Thread(process::destroy, "embedded-s3-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts s3proxy and waits until it accepts connections. */
    public static EmbeddedS3 start(Path jar, Path dataDir) {
        try {
            Path base = Files.createDirectories(dataDir.toAbsolutePath().normalize().resolve("s3"));
            Files.createDirectories(base.resolve("blobs"));
            int port = freePort();
            String accessKey = "reparse";
            byte[] secret = new byte[20];
            new SecureRandom().nextBytes(secret);
            String secretKey = HexFormat.of().formatHex(secret);
            Path properties = base.resolve("s3proxy.properties");
            // it holds the S3 secret: readable by this user only, from the moment it exists
            Files.deleteIfExists(properties);
            Files.createFile(properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + base.resolve("blobs").toAbsolutePath()) + "\n");
            Path log = base.resolve("s3proxy.log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "--properties",
                    properties.toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            EmbeddedS3 server = new EmbeddedS3(process, port, accessKey, secretKey);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded S3 server", e);
        }
    }

    /** The s3proxy jar: the configured one, else the one the build put next to the runtime's classes. */
    public static Path locateJar(Optional<String> configured) {
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        try {
            Path here = Path.of(EmbeddedS3.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("embedded-s3").resolve(JAR_NAME);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                if (dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                    break;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the error below
        }
        throw new IllegalStateException("the embedded S3 server's jar (target/embedded-s3/" + JAR_NAME
                + ") is missing: build with Maven, set reparse.files.embedded-s3-jar, give an S3 endpoint "
                + "(--s3-endpoint) or use --files gridfs");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void awaitReady(Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IOException("s3proxy did not listen on port " + port + " within " + START_TIMEOUT + "; see " + log);
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for s3proxy", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
