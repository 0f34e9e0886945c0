package dev.reparse.provisioning.spi;

import java.util.Objects;

/**
 * An app's database as provisioned: the connection string its runtime uses (with the app's own
 * credentials where the server has users), and what the {@code Database} condition says about it.
 */
public record DatabaseResources(String databaseName, String connectionUri, String reason, String message) {
    public DatabaseResources {
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(connectionUri, "connectionUri");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Hides the password of the connection string, for logs and messages. */
    @Override
    public String toString() {
        return "DatabaseResources[" + databaseName + ", " + reason + "]";
    }
}
