package dev.reparse.provisioning;

import java.time.Instant;
import java.util.Objects;

/**
 * One observed fact about an app's resources, Kubernetes-style: {@code type} names the resource
 * or aggregate ({@code Database}, {@code Bucket}, {@code Secrets}, {@code Runtime}, {@code Route},
 * {@code Ready}), {@code status} is {@code True}, {@code False} or {@code Unknown}.
 */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
        if (!status.equals("True") && !status.equals("False") && !status.equals("Unknown")) {
            throw new IllegalArgumentException("status must be True, False or Unknown, got " + status);
        }
    }
}
