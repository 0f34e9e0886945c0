package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.model.DesiredApp;
import java.util.function.Consumer;

/**
 * Runs an app's tenant runtime somewhere (a child JVM locally, a Deployment in Kubernetes) and
 * keeps it running.
 */
public interface RuntimeBackend extends AutoCloseable {

    /**
     * Makes the app's runtime run with these resources (starting, adopting or restarting it) and
     * waits until it answers its health check; idempotent. Throws when it does not come up in time.
     */
    RuntimeState ensureRunning(DesiredApp app, ProvisionedResources resources);

    /** Stops the app's runtime and waits until it is gone; nothing happens when it is not running. */
    void stop(String applicationId);

    /** What the backend knows of that app's runtime now. */
    RuntimeState state(String applicationId);

    /** Called with the application ID whenever a runtime changes state on its own (a crash, a restart). */
    void onStateChange(Consumer<String> listener);

    /** Stops every runtime this backend started. */
    @Override
    void close();
}
