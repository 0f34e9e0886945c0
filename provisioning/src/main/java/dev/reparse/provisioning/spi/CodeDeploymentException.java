package dev.reparse.provisioning.spi;

import java.util.Objects;

/**
 * A release that cannot be deployed for a reason the app's owner can act on (its dependencies do not install, say):
 * the {@code CloudCode} condition turns False with this reason and message, and the deployed code keeps serving.
 */
public final class CodeDeploymentException extends RuntimeException {
    private final String reason;

    public CodeDeploymentException(String reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The condition's reason, e.g. {@code DependenciesFailed}. */
    public String reason() {
        return reason;
    }
}
