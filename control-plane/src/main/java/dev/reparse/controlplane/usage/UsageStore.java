package dev.reparse.controlplane.usage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Turns the router's cumulative counters into per-app, per-hour totals. The last snapshot seen is kept per app (the
 * cursor) so only the difference is added; counters lower than the cursor mean the router restarted, and then the
 * whole new count is the difference.
 */
@Singleton
final class UsageStore {
    private static final String ADD_HOUR = """
        insert into app_usage_hour (application_id, hour, requests, bytes_in, bytes_out, rejected)
        values (cast(?1 as varchar), cast(?2 as timestamptz), ?3, ?4, ?5, ?6)
        on conflict (application_id, hour) do update set requests = app_usage_hour.requests + excluded.requests,
          bytes_in = app_usage_hour.bytes_in + excluded.bytes_in, bytes_out = app_usage_hour.bytes_out + excluded.bytes_out,
          rejected = app_usage_hour.rejected + excluded.rejected""";
    private static final String MOVE_CURSOR = """
        insert into router_usage_cursor (application_id, requests, bytes_in, bytes_out, rejected)
        values (cast(?1 as varchar), ?2, ?3, ?4, ?5)
        on conflict (application_id) do update set requests = excluded.requests, bytes_in = excluded.bytes_in,
          bytes_out = excluded.bytes_out, rejected = excluded.rejected""";
    private final Clock clock;

    UsageStore(Clock clock) {
        this.clock = clock;
    }

    /** Adds one poll's snapshot (application ID to cumulative counters). */
    Uni<Void> record(Map<String, UsageCounters> snapshot) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var entry : snapshot.entrySet()) {
                chain = chain.flatMap(ignored -> recordOne(session, hour, entry.getKey(), entry.getValue()));
            }
            return chain;
        }));
    }

    private Uni<Void> recordOne(Mutiny.Session session, Instant hour, String appId,
            UsageCounters now) {
        return session.createNativeQuery(
                "select requests, bytes_in, bytes_out, rejected from router_usage_cursor where application_id = ?1",
                Object[].class)
            .setParameter(1, appId)
            .getResultList()
            .flatMap(rows -> {
                UsageCounters delta = rows.isEmpty() ? now : now.since(UsageCounters.of(rows.get(0)));
                Uni<Integer> added = delta.isZero() ? Uni.createFrom().item(0) : session.createNativeQuery(ADD_HOUR)
                    .setParameter(1, appId).setParameter(2, hour).setParameter(3, delta.requests())
                    .setParameter(4, delta.bytesIn()).setParameter(5, delta.bytesOut()).setParameter(6, delta.rejected())
                    .executeUpdate();
                return added.flatMap(ignored -> session.createNativeQuery(MOVE_CURSOR)
                    .setParameter(1, appId).setParameter(2, now.requests()).setParameter(3, now.bytesIn())
                    .setParameter(4, now.bytesOut()).setParameter(5, now.rejected())
                    .executeUpdate());
            })
            .replaceWithVoid();
    }

    /** An app's hourly totals from {@code since} on, oldest first. */
    Uni<List<UsageHour>> hours(String applicationId, Instant since) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("""
                select hour, requests, bytes_in, bytes_out, rejected from app_usage_hour
                where application_id = ?1 and hour >= cast(?2 as timestamptz) order by hour""", Object[].class)
            .setParameter(1, applicationId).setParameter(2, since)
            .getResultList()))
            .map(rows -> rows.stream().map(UsageHour::of).toList());
    }
}
