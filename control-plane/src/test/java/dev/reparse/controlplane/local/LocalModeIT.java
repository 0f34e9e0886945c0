package dev.reparse.controlplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModeIT {

    private static Connection connect(LocalMode local) throws Exception {
        Map<String, String> props = local.datasourceProperties();
        return DriverManager.getConnection(props.get("quarkus.datasource.jdbc.url"), props.get("quarkus.datasource.username"),
            props.get("quarkus.datasource.password"));
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement()) {
            s.execute("create table survivor (name text)");
            s.execute("insert into survivor values ('still here')");
        }
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement();
            ResultSet rows = s.executeQuery("select name from survivor")) {
            assertTrue(rows.next());
            assertEquals("still here", rows.getString(1));
        }
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")));
    }

    @Test
    void postgresIsDurableAndAsksForTheRandomPasswordKeptInAnOwnerOnlyFile(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("platform");
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement()) {
            assertEquals("on", show(s, "fsync"));
            assertEquals("on", show(s, "synchronous_commit"));
            String password = local.datasourceProperties().get("quarkus.datasource.password");
            assertNotEquals("postgres", password);
            assertEquals(password, Files.readString(dataDir.resolve("postgres-password")).trim());
            assertEquals("rw-------", permissions(dataDir.resolve("postgres-password")));
            assertEquals("rwx------", permissions(dataDir));
            assertEquals("rwx------", permissions(dataDir.resolve("postgres")));
            String url = local.datasourceProperties().get("quarkus.datasource.jdbc.url");
            SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url, "postgres", "postgres").close());
            assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
        }
    }

    @Test
    void aClusterCreatedWithoutAPasswordGetsOneAtTheNextStart(@TempDir Path dataDir) throws Exception {
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement()) {
            s.execute("create table kept (name text)");
        }
        // as clusters of earlier versions were: every local connection trusted
        Path hba = dataDir.resolve("postgres/pg_hba.conf");
        Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement()) {
            s.execute("select count(*) from kept");
            String url = local.datasourceProperties().get("quarkus.datasource.jdbc.url");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "wrong").close());
        }
    }

    @Test
    void thePostgresAKilledControlPlaneLeftRunningIsStoppedAndTheNextStartKeepsTheData(@TempDir Path dataDir)
        throws Exception {
        LocalMode crashed = LocalMode.start(dataDir);
        try (Connection c = connect(crashed); Statement s = c.createStatement()) {
            s.execute("create table survivor (name text)");
            s.execute("insert into survivor values ('committed before the crash')");
        }
        Path cluster = dataDir.resolve("postgres");
        long leftover = LeftoverPostgres.recordedPid(cluster.resolve("postmaster.pid")).orElseThrow();
        LeftoverPostgres.stop(cluster);
        assertFalse(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false));
        crashed.close(); // zonky's own stop finds nothing left to stop; it releases its lock on the cluster
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement();
            ResultSet rows = s.executeQuery("select name from survivor")) {
            assertTrue(rows.next());
            assertEquals("committed before the crash", rows.getString(1));
        }
    }

    @Test
    void aLockFileNamingSomeOtherLiveProcessDoesNotBlockTheStart(@TempDir Path dataDir) throws Exception {
        try (LocalMode local = LocalMode.start(dataDir)) {
            // started once, so the cluster exists
        }
        // after a reboot the recorded pid may belong to any program: here, this JVM
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n"
            + dataDir.resolve("postgres") + "\n0\n5432\n");
        try (LocalMode local = LocalMode.start(dataDir); Connection c = connect(local); Statement s = c.createStatement()) {
            assertEquals("on", show(s, "fsync"));
        }
        assertTrue(ProcessHandle.current().isAlive());
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rows = s.executeQuery("show " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theInternalTokenIsGeneratedOnceAndReadableByTheOwnerOnly(@TempDir Path dataDir) throws Exception {
        String first = LocalMode.internalToken(dataDir);
        assertEquals(64, first.length());
        assertEquals(first, LocalMode.internalToken(dataDir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("internal-token"))));
    }
}
