package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.CloudCodeRelease;
import java.util.Objects;
import java.util.Optional;

/**
 * What an app's runtime says of its Cloud Code: whether code runs and which release, and the last release it tried
 * to load with the error when that failed (a failed release leaves the one before it running).
 *
 * @param codeRuns whether a runner serves code at all
 * @param running the release that serves, when the code carries the deployer's stamp
 */
public record CodeStatus(boolean codeRuns, Optional<CloudCodeRelease> running, Optional<Attempt> lastTried) {
    public CodeStatus {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(lastTried, "lastTried");
    }

    /** One load: which release (empty when unstamped) and, when it failed, the error's one-line summary. */
    public record Attempt(Optional<CloudCodeRelease> release, Optional<String> error) {
        public Attempt {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(error, "error");
        }
    }

    /** Whether this release serves. */
    public boolean runs(CloudCodeRelease release) {
        return codeRuns && running.filter(release::equals).isPresent();
    }

    /** The load error of this release, when it was the last one tried and failed. */
    public Optional<String> failure(CloudCodeRelease release) {
        return lastTried.filter(a -> a.release().filter(release::equals).isPresent()).flatMap(Attempt::error);
    }
}
