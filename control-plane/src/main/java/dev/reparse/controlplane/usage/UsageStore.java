package dev.reparse.controlplane.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.io.IOException;
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
    private static final String ADD_REQUESTS = """
        insert into app_request_hour (application_id, hour, operation, class_name, status_class, sdk, count)
        values (cast(?1 as varchar), cast(?2 as timestamptz), ?3, ?4, ?5, ?6, ?7)
        on conflict (application_id, hour, operation, class_name, status_class, sdk)
          do update set count = app_request_hour.count + excluded.count""";
    private static final String ADD_LATENCY = """
        insert into app_latency_hour (application_id, hour, operation, bucket, count)
        values (cast(?1 as varchar), cast(?2 as timestamptz), ?3, cast(?4 as smallint), ?5)
        on conflict (application_id, hour, operation, bucket) do update set count = app_latency_hour.count + excluded.count""";
    private static final String MOVE_REQUEST_CURSOR = """
        insert into router_request_cursor (application_id, counters) values (cast(?1 as varchar), ?2)
        on conflict (application_id) do update set counters = excluded.counters""";
    private final Clock clock;
    private final ObjectMapper json;

    UsageStore(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    /** Adds one poll's snapshot (application ID to cumulative counters, and to request analytics when reported). */
    Uni<Void> record(Map<String, UsageCounters> snapshot, Map<String, RequestCounters> requests) {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var entry : snapshot.entrySet()) {
                RequestCounters analytics = requests.getOrDefault(entry.getKey(), RequestCounters.NONE);
                chain = chain.flatMap(ignored -> recordOne(session, hour, entry.getKey(), entry.getValue(), analytics));
            }
            return chain;
        }));
    }

    private Uni<Void> recordOne(Mutiny.Session session, Instant hour, String appId,
            UsageCounters now, RequestCounters analytics) {
        return session.createNativeQuery(
                "select requests, bytes_in, bytes_out, rejected from router_usage_cursor where application_id = ?1",
                Object[].class)
            .setParameter(1, appId)
            .getResultList()
            .flatMap(rows -> {
                boolean restarted = !rows.isEmpty() && now.restartedSince(UsageCounters.of(rows.get(0)));
                UsageCounters delta = rows.isEmpty() ? now : now.since(UsageCounters.of(rows.get(0)));
                Uni<Integer> added = delta.isZero() ? Uni.createFrom().item(0) : session.createNativeQuery(ADD_HOUR)
                    .setParameter(1, appId).setParameter(2, hour).setParameter(3, delta.requests())
                    .setParameter(4, delta.bytesIn()).setParameter(5, delta.bytesOut()).setParameter(6, delta.rejected())
                    .executeUpdate();
                return added.flatMap(ignored -> session.createNativeQuery(MOVE_CURSOR)
                    .setParameter(1, appId).setParameter(2, now.requests()).setParameter(3, now.bytesIn())
                    .setParameter(4, now.bytesOut()).setParameter(5, now.rejected())
                    .executeUpdate())
                    .flatMap(ignored -> recordRequests(session, hour, appId, analytics, restarted));
            })
            .replaceWithVoid();
    }

    /** The request analytics' increase since the app's request cursor, added to the hour's rows; then the cursor moves. */
    private Uni<Void> recordRequests(Mutiny.Session session, Instant hour, String appId, RequestCounters now,
            boolean restarted) {
        return session.createNativeQuery("select counters from router_request_cursor where application_id = ?1", String.class)
            .setParameter(1, appId)
            .getResultList()
            .flatMap(rows -> {
                RequestCounters delta = rows.isEmpty() ? now : now.since(cursor(rows.get(0)), restarted);
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (var count : delta.counts().entrySet()) {
                    RequestCounters.Key key = count.getKey();
                    chain = chain.flatMap(ignored -> session.createNativeQuery(ADD_REQUESTS).setParameter(1, appId)
                        .setParameter(2, hour).setParameter(3, key.operation()).setParameter(4, key.className())
                        .setParameter(5, key.status()).setParameter(6, key.sdk()).setParameter(7, count.getValue())
                        .executeUpdate().replaceWithVoid());
                }
                for (var histogram : delta.latency().entrySet()) {
                    long[] buckets = histogram.getValue();
                    for (int i = 0; i < buckets.length; i++) {
                        if (buckets[i] > 0) {
                            int bucket = i;
                            chain = chain.flatMap(ignored -> session.createNativeQuery(ADD_LATENCY).setParameter(1, appId)
                                .setParameter(2, hour).setParameter(3, histogram.getKey()).setParameter(4, bucket)
                                .setParameter(5, buckets[bucket]).executeUpdate().replaceWithVoid());
                        }
                    }
                }
                String moved = now.toJson(json);
                if (!rows.isEmpty() && rows.get(0).equals(moved)) {
                    return chain;
                }
                return chain.flatMap(ignored -> session.createNativeQuery(MOVE_REQUEST_CURSOR).setParameter(1, appId)
                    .setParameter(2, moved).executeUpdate().replaceWithVoid());
            });
    }

    private RequestCounters cursor(String stored) {
        try {
            return RequestCounters.parse(json.readTree(stored));
        } catch (IOException e) {
            return RequestCounters.NONE;
        }
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
