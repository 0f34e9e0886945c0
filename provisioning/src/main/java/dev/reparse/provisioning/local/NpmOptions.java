package dev.reparse.provisioning.local;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a release's npm dependencies are installed at deploy time ({@code reparse.cloud-code.npm.*}).
 *
 * @param command the npm executable, looked up on the PATH unless it is a path
 * @param allowScripts whether packages' install scripts run ({@code npm ci} gets {@code --ignore-scripts} otherwise)
 * @param registry the registry packages come from; npm's own default (or its config) when empty
 * @param timeout how long one install may take before it is stopped and the deploy fails
 */
public record NpmOptions(String command, boolean allowScripts, Optional<String> registry, Duration timeout) {
    public NpmOptions {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("the npm command is blank");
        }
        registry = Objects.requireNonNull(registry, "registry").filter(r -> !r.isBlank());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the npm timeout must be positive, not " + timeout);
        }
    }

    /** npm from the PATH, no install scripts, npm's registry, five minutes per install. */
    public static NpmOptions defaults() {
        return new NpmOptions("npm", false, Optional.empty(), Duration.ofMinutes(5));
    }
}
