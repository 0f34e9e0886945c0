package dev.reparse.provisioning.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The observed state of one app's runtime.
 *
 * @param upstream the base URL the router forwards the app's requests to, mount included, once it runs
 */
public record RuntimeState(Phase phase, Optional<String> upstream, String message) {
    public RuntimeState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(message, "message");
    }

    /** Where a runtime is in its life. */
    public enum Phase {
        /** Not running, and nothing asked it to. */
        STOPPED,
        /** Started, not yet healthy. */
        STARTING,
        /** Answering its health check. */
        RUNNING,
        /** Exited unexpectedly; a restart is scheduled. */
        CRASHED
    }

    public static RuntimeState stopped(String message) {
        return new RuntimeState(Phase.STOPPED, Optional.empty(), message);
    }

    public static RuntimeState running(String upstream, String message) {
        return new RuntimeState(Phase.RUNNING, Optional.of(upstream), message);
    }
}
