package dev.reparse.controlplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
    void theInternalTokenIsGeneratedOnceAndReadableByTheOwnerOnly(@TempDir Path dataDir) throws Exception {
        String first = LocalMode.internalToken(dataDir);
        assertEquals(64, first.length());
        assertEquals(first, LocalMode.internalToken(dataDir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("internal-token"))));
    }
}
