package dev.reparse.controlplane.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Local mode's prerequisites, prepared before Quarkus reads its configuration: an embedded PostgreSQL whose cluster
 * lives under the data dir (so apps survive restarts), and the internal token the router shares.
 */
public final class LocalMode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalMode.class);
    private final EmbeddedPostgres postgres;

    private LocalMode(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on a free loopback port with its cluster in {@code <dataDir>/postgres}. */
    public static LocalMode start(Path dataDir) {
        try {
            Path cluster = dataDir.resolve("postgres");
            Files.createDirectories(cluster);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                .start();
            LOG.infof("embedded PostgreSQL on port %d, cluster %s", postgres.getPort(), cluster);
            return new LocalMode(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    /** The Quarkus datasource settings that point at this PostgreSQL. */
    public Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        String hostPort = "localhost:" + postgres.getPort() + "/postgres";
        properties.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort);
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort);
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        return properties;
    }

    /** The token in {@code <dataDir>/internal-token}, generated (readable by the owner only) on first use. */
    public static String internalToken(Path dataDir) {
        return secret(dataDir, "internal-token");
    }

    /** The secret in {@code <dataDir>/<name>}, generated (readable by the owner only) on first use. */
    public static String secret(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Path temporary = Files.createTempFile(dataDir, name, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
    }
}
