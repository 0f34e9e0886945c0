package dev.reparse.provisioning;

import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.CodeStatus;
import dev.reparse.provisioning.spi.RuntimeBackend;
import java.time.Duration;
import java.util.Optional;

/**
 * The CloudCode condition after the runtime step, from what the runtime says it runs: True {@code Deployed} only once
 * the desired release serves; False {@code LoadFailed} with the runtime's load error when it did not load (the code
 * before it keeps serving, so the app stays Ready); Unknown {@code Loading} when the runtime has not loaded it in time.
 * A backend that cannot ask its runtime leaves the deployer's word.
 */
final class CodeLoadCheck {
    private static final Duration POLL = Duration.ofMillis(200);
    private final RuntimeBackend runtime;
    private final Duration wait;

    CodeLoadCheck(RuntimeBackend runtime, Duration wait) {
        this.runtime = runtime;
        this.wait = wait;
    }

    /** One condition's status, reason and message. */
    record Verdict(boolean loaded, String reason, String message) {
    }

    /** Waits until the runtime ran or refused the app's release; false when it did neither in time. */
    boolean confirm(DesiredApp app, ConditionSet conditions) {
        if (app.cloudCode().isEmpty()) {
            return true;
        }
        CloudCodeRelease release = app.cloudCode().get();
        long deadline = System.nanoTime() + wait.toNanos();
        String pending = "the runtime has not tried it yet";
        while (true) {
            try {
                Optional<CodeStatus> status = runtime.codeStatus(app);
                if (status.isEmpty()) {
                    return true;
                }
                Optional<Verdict> verdict = verdict(release, status.get());
                if (verdict.isPresent()) {
                    Verdict found = verdict.get();
                    if (found.loaded()) {
                        conditions.setTrue(ConditionSet.CLOUD_CODE, found.reason(), found.message());
                    } else {
                        conditions.setFalse(ConditionSet.CLOUD_CODE, found.reason(), found.message());
                    }
                    return true;
                }
            } catch (RuntimeException e) {
                pending = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (System.nanoTime() > deadline || !sleep()) {
                conditions.setUnknown(ConditionSet.CLOUD_CODE, "Loading", "version " + release.version()
                        + " is in place; the runtime has not loaded it after " + wait.toSeconds() + " s: " + pending);
                return false;
            }
        }
    }

    /** What the runtime's status says of that release; empty while it has not tried it. */
    static Optional<Verdict> verdict(CloudCodeRelease release, CodeStatus status) {
        String version = "version " + release.version();
        if (status.runs(release)) {
            return Optional.of(new Verdict(true, "Deployed", version + " is deployed and runs (sha256 "
                    + release.sha256().substring(0, 12) + "…)"));
        }
        return status.failure(release).map(error -> new Verdict(false, "LoadFailed", version + " failed to load: "
                + error + "; " + serving(status)));
    }

    private static String serving(CodeStatus status) {
        if (!status.codeRuns()) {
            return "the app serves without Cloud Code until a release loads";
        }
        return status.running().map(r -> "version " + r.version() + " keeps serving")
                .orElse("the code before it keeps serving");
    }

    private static boolean sleep() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
