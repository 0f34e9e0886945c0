package dev.reparse.provisioning.spi;

import java.util.Objects;

/** What the Cloud Code step found or did: the {@code CloudCode} condition's reason and message. */
public record CodeDeployment(String reason, String message) {
    public CodeDeployment {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
