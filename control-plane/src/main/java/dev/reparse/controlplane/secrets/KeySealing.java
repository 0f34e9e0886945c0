package dev.reparse.controlplane.secrets;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * At start, seals the app keys a control plane from before sealing stored in the clear. Each value is replaced only
 * where it is still the clear one, so replicas starting together do no harm.
 */
@Singleton
public class KeySealing {
    private static final Logger LOG = Logger.getLogger(KeySealing.class);
    /** The app table's key columns. */
    static final List<String> COLUMNS = List.of("master_key", "read_only_master_key", "client_key", "javascript_key",
        "rest_key", "windows_key", "webhook_key", "file_key", "previous_master_key");
    private final DataSource database;
    private final KeySeal seal;

    KeySealing(DataSource database, KeySeal seal) {
        this.database = database;
        this.seal = seal;
    }

    /** Seals every app key still stored in the clear (at start; tests call it directly). */
    public void sealClearKeys(@Observes StartupEvent startup) throws SQLException {
        int sealed = 0;
        try (Connection c = database.getConnection()) {
            for (String column : COLUMNS) {
                sealed += sealColumn(c, column);
            }
        }
        if (sealed > 0) {
            LOG.infof("sealed %d app keys stored in the clear with the platform key", sealed);
        }
    }

    private int sealColumn(Connection c, String column) throws SQLException {
        int sealed = 0;
        try (PreparedStatement select = c.prepareStatement("select application_id, " + column + " from app where "
                + column + " is not null and " + column + " <> '' and " + column + " not like 'sealed:%'");
                ResultSet rows = select.executeQuery();
                PreparedStatement update = c.prepareStatement("update app set " + column + " = ? where application_id = ? and "
                    + column + " = ?")) {
            while (rows.next()) {
                update.setString(1, seal.seal(rows.getString(2)));
                update.setString(2, rows.getString(1));
                update.setString(3, rows.getString(2));
                sealed += update.executeUpdate();
            }
        }
        return sealed;
    }
}
