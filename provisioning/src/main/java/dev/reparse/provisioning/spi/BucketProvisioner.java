package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.model.DesiredApp;

/** Creates and deletes an app's own bucket; every call is idempotent. */
public interface BucketProvisioner extends AutoCloseable {

    /** Makes the app's bucket exist; answers how the runtime reaches it. */
    BucketResources ensure(DesiredApp app);

    /** Empties and deletes the app's bucket; nothing happens when it is already gone. */
    void delete(DesiredApp app);

    @Override
    default void close() {
    }
}
