package dev.reparse.controlplane;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs database work that no request started (provisioning callbacks, usage polls) on a fresh duplicated Vert.x
 * context, which Hibernate Reactive needs; callable from any thread, event loops included, and never blocks.
 */
@Singleton
public final class BackgroundWork {
    private final Vertx vertx;

    BackgroundWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Subscribes to the work on its own context; {@code onFailure} hears about failures, success is silent. */
    public void run(Supplier<Uni<?>> work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(ignored -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            Uni<?> uni;
            try {
                uni = work.get();
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return;
            }
            uni.subscribe().with(item -> onSuccess.run(), onFailure);
        });
    }
}
