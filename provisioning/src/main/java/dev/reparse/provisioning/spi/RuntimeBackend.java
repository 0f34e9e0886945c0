package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.RequestLogEntry;
import dev.reparse.provisioning.model.DesiredApp;
import java.util.List;
import java.util.Optional;
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

    /**
     * The newest lines of the app's request log (its runtime's requests: status, Parse error and reason, duration)
     * that the query asks for, newest first. Where the runtime runs elsewhere (Kubernetes) the backend fetches them
     * from there; a backend that keeps no logs answers none.
     */
    default List<RequestLogEntry> logs(String applicationId, LogQuery query) {
        return List.of();
    }

    /**
     * What the app's running runtime says of its Cloud Code (its {@code GET <mount>/cloud_code/status}, asked with
     * the master key); empty when this backend cannot ask. Throws when the runtime does not answer.
     */
    default Optional<CodeStatus> codeStatus(DesiredApp app) {
        return Optional.empty();
    }

    /** Called with the application ID whenever a runtime changes state on its own (a crash, a restart). */
    void onStateChange(Consumer<String> listener);

    /** Stops every runtime this backend started. */
    @Override
    void close();
}
