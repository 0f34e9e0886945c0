package dev.reparse.provisioning;

import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.BucketResources;
import dev.reparse.provisioning.spi.CodeDeployment;
import dev.reparse.provisioning.spi.CodeDeploymentException;
import dev.reparse.provisioning.spi.DatabaseResources;
import dev.reparse.provisioning.spi.ProvisionedResources;
import dev.reparse.provisioning.spi.RuntimeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One reconciliation pass for one app, as named steps: Database → Bucket → Secrets → CloudCode →
 * Runtime → Route for a live app, the reverse for a deleted one. Each step is idempotent and records its
 * condition; the first failing step ends the pass, and {@code Ready} says which one it was. Once the runtime serves,
 * CloudCode is settled by what the runtime says it loaded ({@link CodeLoadCheck}).
 */
final class AppPipeline {
    private final ProvisioningBackends backends;
    private final Clock clock;
    private final CodeLoadCheck codeLoaded;

    AppPipeline(ProvisioningBackends backends, Clock clock, Duration codeLoadWait) {
        this.backends = backends;
        this.clock = clock;
        this.codeLoaded = new CodeLoadCheck(backends.runtime(), codeLoadWait);
    }

    /** What one pass found: the route's upstream when the app serves, and whether every step succeeded. */
    record Outcome(Optional<String> upstream, boolean succeeded, Optional<Instant> purgeAt) {
    }

    Outcome reconcile(DesiredApp app, ConditionSet conditions) {
        try {
            DatabaseResources database = step(conditions, ConditionSet.DATABASE, () -> backends.database().ensure(app));
            conditions.setTrue(ConditionSet.DATABASE, database.reason(), database.message());
            BucketResources bucket = step(conditions, ConditionSet.BUCKET, () -> backends.bucket().ensure(app));
            conditions.setTrue(ConditionSet.BUCKET, bucket.reason(), bucket.message());
            ProvisionedResources resources = new ProvisionedResources(database, bucket);
            step(conditions, ConditionSet.SECRETS, () -> {
                backends.secrets().write(app, resources);
                return null;
            });
            conditions.setTrue(ConditionSet.SECRETS, "Written", "keys and settings generation " + app.generation()
                    + " written for the runtime");
            boolean releaseRefused = false;
            try {
                CodeDeployment code = step(conditions, ConditionSet.CLOUD_CODE, () -> backends.code().deploy(app));
                conditions.setTrue(ConditionSet.CLOUD_CODE, code.reason(), code.message());
            } catch (StepFailed failed) {
                if (!(failed.getCause() instanceof CodeDeploymentException)) {
                    throw failed;
                }
                // The release itself is refused (its dependencies do not install, ...): the code deployed before keeps
                // serving, so the app does not go down for a bad deploy; CloudCode says why, and the pass is retried.
                releaseRefused = true;
            }
            RuntimeState runtime = step(conditions, ConditionSet.RUNTIME,
                    () -> backends.runtime().ensureRunning(app, resources));
            Outcome outcome = publish(conditions, runtime);
            // once the runtime serves, CloudCode says what it loaded; a release it has not loaded yet is checked again
            boolean codePending = outcome.succeeded() && !releaseRefused && !codeLoaded.confirm(app, conditions);
            return releaseRefused || codePending ? new Outcome(outcome.upstream(), false, outcome.purgeAt()) : outcome;
        } catch (StepFailed failed) {
            markUnreached(conditions, failed.type);
            return new Outcome(Optional.empty(), false, Optional.empty());
        }
    }

    /** Reflects the runtime's current state without touching anything (after a crash or a restart). */
    Outcome observeRuntime(String applicationId, ConditionSet conditions) {
        return publish(conditions, backends.runtime().state(applicationId));
    }

    private Outcome publish(ConditionSet conditions, RuntimeState runtime) {
        if (runtime.phase() != RuntimeState.Phase.RUNNING || runtime.upstream().isEmpty()) {
            String reason = runtime.phase() == RuntimeState.Phase.CRASHED ? "Crashed" : "NotRunning";
            conditions.setFalse(ConditionSet.RUNTIME, reason, runtime.message());
            conditions.setFalse(ConditionSet.ROUTE, "NoUpstream", "the runtime does not answer; requests get 503");
            conditions.setFalse(ConditionSet.READY, "RuntimeNotReady", runtime.message());
            return new Outcome(Optional.empty(), false, Optional.empty());
        }
        conditions.setTrue(ConditionSet.RUNTIME, "Running", runtime.message());
        String upstream = runtime.upstream().get();
        conditions.setTrue(ConditionSet.ROUTE, "Published", "routers forward the app's requests to " + upstream);
        conditions.setTrue(ConditionSet.READY, "Reconciled", "the app serves requests");
        return new Outcome(Optional.of(upstream), true, Optional.empty());
    }

    /**
     * Tears down in reverse: runtime, route, secrets, code, then the data unless it is retained until {@code purgeAt}.
     */
    Outcome teardown(DesiredApp app, Instant deletedAt, ConditionSet conditions) {
        try {
            step(conditions, ConditionSet.RUNTIME, () -> {
                backends.runtime().stop(app.applicationId());
                return null;
            });
            conditions.setFalse(ConditionSet.RUNTIME, "Stopped", "the app was deleted; its runtime is stopped");
            conditions.setFalse(ConditionSet.ROUTE, "Removed", "routers answer 403 for the app");
            step(conditions, ConditionSet.SECRETS, () -> {
                backends.secrets().delete(app.applicationId());
                return null;
            });
            conditions.setFalse(ConditionSet.SECRETS, "Deleted", "the app's keys are deleted");
            step(conditions, ConditionSet.CLOUD_CODE, () -> {
                backends.code().remove(app.applicationId());
                return null;
            });
            conditions.setFalse(ConditionSet.CLOUD_CODE, "Removed", "the app's Cloud Code is removed");
            Instant purgeAt = deletedAt.plus(app.dataRetention());
            if (clock.instant().isBefore(purgeAt)) {
                retain(conditions, purgeAt);
                return new Outcome(Optional.empty(), true, Optional.of(purgeAt));
            }
            step(conditions, ConditionSet.DATABASE, () -> {
                backends.database().drop(app);
                return null;
            });
            conditions.setFalse(ConditionSet.DATABASE, "Dropped", "database " + app.databaseName() + " is dropped");
            step(conditions, ConditionSet.BUCKET, () -> {
                backends.bucket().delete(app);
                return null;
            });
            conditions.setFalse(ConditionSet.BUCKET, "Deleted", "bucket " + app.bucketName() + " is deleted");
            conditions.setFalse(ConditionSet.READY, "Deleted", "the app is deleted and its resources are gone");
            return new Outcome(Optional.empty(), true, Optional.empty());
        } catch (StepFailed failed) {
            return new Outcome(Optional.empty(), false, Optional.empty());
        }
    }

    private static void retain(ConditionSet conditions, Instant purgeAt) {
        String until = "kept until " + purgeAt + ", then dropped";
        conditions.setFalse(ConditionSet.DATABASE, "Retained", "the app was deleted; its database is " + until);
        conditions.setFalse(ConditionSet.BUCKET, "Retained", "the app was deleted; its bucket is " + until);
        conditions.setFalse(ConditionSet.READY, "DataRetained", "the app is deleted; its data is " + until);
    }

    private static <T> T step(ConditionSet conditions, String type, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            conditions.setFalse(type, e instanceof CodeDeploymentException refused ? refused.reason() : "Failed", message);
            conditions.setFalse(ConditionSet.READY, type + "Failed", type + ": " + message);
            throw new StepFailed(type, e);
        }
    }

    private static void markUnreached(ConditionSet conditions, String failedType) {
        List<String> order = ConditionSet.ORDER;
        for (String type : order.subList(order.indexOf(failedType) + 1, order.indexOf(ConditionSet.READY))) {
            conditions.setUnknownIfAbsent(type, "Waiting", "waits for " + failedType);
        }
    }

    /** Ends a pass at the step that failed; its condition is already recorded. */
    private static final class StepFailed extends RuntimeException {
        private final String type;

        StepFailed(String type, RuntimeException cause) {
            super(type + " failed", cause, false, false);
            this.type = type;
        }
    }
}
