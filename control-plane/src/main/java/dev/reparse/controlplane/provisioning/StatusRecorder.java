package dev.reparse.controlplane.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.routes.RouteVersions;
import dev.reparse.provisioning.AppStatus;
import dev.reparse.provisioning.Provisioner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Connects provisioning to the database: at startup it hands provisioning every stored spec (re-adopting what should
 * run), and it persists each status change provisioning reports, bumping the route version with it.
 */
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
    private final Provisioner provisioner;
    private final AppService apps;
    private final RouteVersions routeVersions;
    private final ObjectMapper json;
    private final Clock clock;

    StatusRecorder(Provisioner provisioner, AppService apps, RouteVersions routeVersions, ObjectMapper json, Clock clock) {
        this.provisioner = provisioner;
        this.apps = apps;
        this.routeVersions = routeVersions;
        this.json = json;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) throws Throwable {
        provisioner.onStatusChange(this::statusChanged);
        var specs = VertxContextSupport.subscribeAndAwait(apps::allSpecs);
        LOG.infof("resyncing %d app(s) with provisioning", specs.size());
        provisioner.resync(specs);
    }

    private void statusChanged(AppStatus status) {
        VertxContextSupport.subscribe(() -> record(status).toMulti(), subscription -> subscription.with(
            ignored -> routeVersions.changed(),
            failure -> LOG.errorf(failure, "could not record the status of app %s", status.applicationId())));
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
