package dev.reparse.controlplane.routes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The route table's version: one counter row, bumped in the same transaction as every app or status change. The
 * row lock orders concurrent changes, so a router never sees version N before the data of N is committed.
 */
@Singleton
public final class RouteVersions {
    private final AtomicReference<CompletableFuture<Void>> nextChange = new AtomicReference<>(new CompletableFuture<>());

    /** Bumps the version; call inside the transaction that changes apps or statuses. */
    public Uni<Void> bump() {
        return Panache.getSession()
            .flatMap(s -> s.createNativeQuery("update route_version set version = version + 1 where id = 1").executeUpdate())
            .replaceWithVoid();
    }

    /** The committed version. */
    Uni<Long> current() {
        return Panache.getSession()
            .flatMap(s -> s.createNativeQuery("select version from route_version where id = 1", Long.class).getSingleResult());
    }

    /** Wakes long-polling readers on this replica; call after the change committed. */
    public void changed() {
        nextChange.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /**
     * Completes on the next local change or after {@code wait}, back on the caller's Vert.x context (Hibernate Reactive
     * sessions are bound to it). Other replicas' changes are seen when the wait ends.
     */
    Uni<Void> awaitChange(Duration wait) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(nextChange.get())
            .ifNoItem().after(wait).recoverWithItem((Void) null)
            .emitOn(command -> context.runOnContext(ignored -> command.run()))
            .replaceWithVoid();
    }
}
