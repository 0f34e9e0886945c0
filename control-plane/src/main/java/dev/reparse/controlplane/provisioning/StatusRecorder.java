package dev.reparse.controlplane.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.BackgroundWork;
import dev.reparse.controlplane.routes.RouteVersions;
import dev.reparse.provisioning.AppStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Persists each status change provisioning reports, bumping the route version with it. */
@Singleton
final class StatusRecorder {
    private static final Logger LOG = Logger.getLogger(StatusRecorder.class);
    private static final String UPSERT = """
        insert into app_status (application_id, observed_generation, conditions, upstream, ready, updated_at)
        select cast(?1 as varchar), cast(?2 as bigint), cast(?3 as text), cast(?4 as varchar), cast(?5 as boolean),
          cast(?6 as timestamptz) where exists (select 1 from app where application_id = cast(?1 as varchar))
        on conflict (application_id) do update set observed_generation = excluded.observed_generation,
          conditions = excluded.conditions, upstream = excluded.upstream, ready = excluded.ready,
          updated_at = excluded.updated_at""";
    private final RouteVersions routeVersions;
    private final ObjectMapper json;
    private final Clock clock;
    private final BackgroundWork background;

    StatusRecorder(RouteVersions routeVersions, ObjectMapper json, Clock clock,
            BackgroundWork background) {
        this.routeVersions = routeVersions;
        this.json = json;
        this.clock = clock;
        this.background = background;
    }

    /** Volatile: set on Quarkus' shutdown thread, read on the event loop. */
    private volatile boolean stopping;

    /** First of the shutdown observers: runtimes stopping with the control plane change status after the database went. */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    void statusChanged(AppStatus status) {
        logTrouble(status);
        background.run(() -> record(status), routeVersions::changed, failure -> {
            if (stopping) {
                LOG.debugf("status of app %s not recorded while stopping: %s", status.applicationId(), failure.getMessage());
            } else {
                LOG.errorf(failure, "could not record the status of app %s", status.applicationId());
            }
        });
    }

    /** Tenants see plain condition messages; the detail of what went wrong is for operators, here and in the operator API. */
    private static void logTrouble(AppStatus status) {
        status.conditions().stream()
            .filter(c -> c.status().equals("False") && (c.reason().equals("Failed") || c.reason().equals("Crashed")))
            .forEach(c -> LOG.warnf("app %s: %s %s: %s", status.applicationId(), c.type(), c.reason(), c.message()));
    }

    Uni<Void> record(AppStatus status) {
        String conditions;
        try {
            conditions = json.writeValueAsString(status.conditions());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(UPSERT)
                .setParameter(1, status.applicationId())
                .setParameter(2, status.observedGeneration())
                .setParameter(3, conditions)
                .setParameter(4, status.upstream().orElse(null))
                .setParameter(5, status.ready())
                .setParameter(6, clock.instant())
                .executeUpdate())
            .flatMap(updated -> updated == 0 ? Uni.createFrom().voidItem() : routeVersions.bump()));
    }
}
