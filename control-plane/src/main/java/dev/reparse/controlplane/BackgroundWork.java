package dev.reparse.controlplane;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs database work that no request started (provisioning callbacks, usage polls, provisioning's code fetches) on a
 * fresh duplicated Vert.x context, which Hibernate Reactive needs; {@link #run} is callable from any thread, event
 * loops included, and never blocks.
 */
@Singleton
public final class BackgroundWork {
    private final Vertx vertx;

    BackgroundWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Subscribes to the work on its own context; {@code onFailure} hears about failures, success is silent. */
    public void run(Supplier<Uni<?>> work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        submit(work).whenComplete((item, failure) -> {
            if (failure == null) {
                onSuccess.run();
            } else {
                onFailure.accept(failure);
            }
        });
    }

    /**
     * Runs the work on its own context and waits for its item (empty for null) from a thread that may block, such as
     * provisioning's; never from an event loop.
     */
    public <T> Optional<T> await(Supplier<Uni<T>> work, Duration timeout) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("BackgroundWork.await would block an event loop");
        }
        try {
            return Optional.ofNullable(submit(work).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the database did not answer within " + timeout, e);
        }
    }

    private <T> CompletableFuture<T> submit(Supplier<? extends Uni<? extends T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(ignored -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            try {
                work.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
