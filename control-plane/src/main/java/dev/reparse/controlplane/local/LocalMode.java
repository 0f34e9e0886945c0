package dev.reparse.controlplane.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Local mode's prerequisites, prepared before Quarkus reads its configuration: an embedded PostgreSQL whose cluster
 * lives under the data dir (so apps survive restarts), and the internal token the router shares. PostgreSQL is
 * durable (fsync, synchronous commit) and asks for the superuser's password, a random one kept in
 * {@code <dataDir>/postgres-password} (0600).
 */
public final class LocalMode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalMode.class);
    private static final String SUPERUSER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private final EmbeddedPostgres postgres;
    private final String password;

    private LocalMode(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** How PostgreSQL treats commits: on disk before they are acknowledged, or (tests only) whenever it gets to it. */
    public enum Durability {
        /** fsync on, synchronous commit: nothing acknowledged is lost on a power or OS crash. */
        DURABLE,
        /** fsync off, asynchronous commit ({@code reparse.local.postgres-unsafe-fast}): for throwaway test data. */
        FAST_UNSAFE
    }

    /** Starts a durable PostgreSQL; see {@link #start(Path, Durability)}. */
    public static LocalMode start(Path dataDir) {
        return start(dataDir, Durability.DURABLE);
    }

    /**
     * Starts PostgreSQL on a free loopback port with its cluster in {@code <dataDir>/postgres}, after stopping the one a
     * killed control plane may have left running there.
     */
    public static LocalMode start(Path dataDir, Durability durability) {
        Path cluster = dataDir.resolve("postgres");
        try {
            privateDirectory(dataDir);
            privateDirectory(cluster);
            LeftoverPostgres.stop(cluster);
            String password = secret(dataDir, "postgres-password");
            boolean durable = durability == Durability.DURABLE;
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                // zonky passes -F (no fsync) and synchronous_commit=off; -c options come after -F and win
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setConnectConfig("password", password)
                .start();
            LocalMode local = new LocalMode(postgres, password);
            local.requirePassword(cluster);
            LOG.infof("embedded PostgreSQL on port %d, cluster %s%s", postgres.getPort(), cluster,
                durable ? "" : " (fsync off: unsafe, for tests)");
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL under " + dataDir + ": "
                + e.getMessage(), e);
        }
    }

    /** The Quarkus datasource settings that point at this PostgreSQL. */
    public Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        String hostPort = "localhost:" + postgres.getPort() + "/postgres";
        properties.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort);
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort);
        properties.put("quarkus.datasource.username", SUPERUSER);
        properties.put("quarkus.datasource.password", password);
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
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            privateDirectory(dataDir);
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

    /** Creates the directory readable by the owner only (0700), or narrows an existing one to that. */
    public static void privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir + " readable by its owner only ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * initdb (zonky) lets every local connection in without a password ({@code trust}); a cluster still set up that way
     * gets the superuser password and password authentication (scram-sha-256), effective at once by a reload.
     */
    private void requirePassword(Path cluster) throws IOException {
        Path hba = cluster.resolve("pg_hba.conf");
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        String hardened = rules.lines()
            .map(line -> line.startsWith("#") ? line : line.replaceAll("\\btrust\\s*$", "scram-sha-256"))
            .collect(Collectors.joining("\n", "", "\n"));
        if (hardened.equals(rules)) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // the password is hex from SecureRandom: nothing in it needs quoting
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            Files.writeString(hba, hardened, StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the PostgreSQL superuser's password: " + e.getMessage(), e);
        }
        LOG.infof("PostgreSQL now asks for the superuser's password (kept in %s)",
            cluster.resolveSibling("postgres-password"));
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
