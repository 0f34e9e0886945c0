package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.model.DesiredApp;

/** Creates and drops an app's own database (and database user) on the shared server; every call is idempotent. */
public interface DatabaseProvisioner extends AutoCloseable {

    /** Makes the app's database and user exist; answers how the runtime connects to it. */
    DatabaseResources ensure(DesiredApp app);

    /** Drops the app's database and user; nothing happens when they are already gone. */
    void drop(DesiredApp app);

    @Override
    default void close() {
    }
}
