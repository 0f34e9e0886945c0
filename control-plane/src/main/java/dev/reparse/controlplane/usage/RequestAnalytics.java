package dev.reparse.controlplane.usage;

import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an app's stored request analytics: requests per hour or day, in total or split by operation, class, status
 * class ({@code limited}: refused over the app's request limit) or SDK, zero-filled like the runtime's event series;
 * and latency percentiles per operation from the summed histograms.
 */
@Singleton
public final class RequestAnalytics {
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Duration MAX_HOURLY_RANGE = Duration.ofDays(31);
    static final Duration MAX_DAILY_RANGE = Duration.ofDays(400);
    /** What {@code groupBy} may name, and the column each reads. */
    private static final Map<String, String> GROUPS = Map.of("operation", "operation", "class", "class_name",
        "status", "status_class", "sdk", "sdk");
    private final Clock clock;

    RequestAnalytics(Clock clock) {
        this.clock = clock;
    }

    /** A validated query: the range, the interval's unit and what to split by (null: totals). */
    public record Query(Instant from, Instant to, ChronoUnit unit, String groupBy, String operation) {
    }

    /** Checks the parameters of {@code /analytics/requests}; bad ones are a 400 with code 102. */
    public Query requestsQuery(String from, String to, String interval, String groupBy) {
        String unitName = blank(interval) ? "hour" : interval;
        if (!unitName.equals("hour") && !unitName.equals("day")) {
            throw invalid("interval is hour or day, not " + interval);
        }
        if (!blank(groupBy) && !GROUPS.containsKey(groupBy)) {
            throw invalid("groupBy is operation, class, status or sdk, not " + groupBy);
        }
        ChronoUnit unit = unitName.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Instant[] range = range(from, to, unit == ChronoUnit.HOURS ? MAX_HOURLY_RANGE : MAX_DAILY_RANGE);
        return new Query(range[0], range[1], unit, blank(groupBy) ? null : groupBy, null);
    }

    /** Checks the parameters of {@code /analytics/latency}. */
    public Query latencyQuery(String from, String to, String operation) {
        if (!blank(operation) && (operation.length() > 16 || !operation.chars().allMatch(Character::isLetter))) {
            throw invalid("operation is a name such as find, get, create or function, not " + operation);
        }
        Instant[] range = range(from, to, MAX_DAILY_RANGE);
        return new Query(range[0], range[1], ChronoUnit.HOURS, null, blank(operation) ? null : operation);
    }

    /** {@code {from, to, results: [{time, value?, count}]}}: one point per interval, per value when split. */
    public Uni<Map<String, Object>> requests(String applicationId, Query query) {
        String column = query.groupBy() == null ? null : GROUPS.get(query.groupBy());
        String sql = "select hour, " + (column == null ? "cast('' as varchar)" : column) + ", sum(count) from app_request_hour"
            + " where application_id = ?1 and hour >= cast(?2 as timestamptz) and hour < cast(?3 as timestamptz)"
            + " group by hour" + (column == null ? "" : ", " + column);
        Instant first = query.from().truncatedTo(ChronoUnit.HOURS);
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
            .createNativeQuery(sql, Object[].class).setParameter(1, applicationId).setParameter(2, first)
            .setParameter(3, query.to()).getResultList()
            .flatMap(rows -> "status".equals(query.groupBy())
                ? session.createNativeQuery("select hour, cast('limited' as varchar), rejected from app_usage_hour"
                    + " where application_id = ?1 and hour >= cast(?2 as timestamptz) and hour < cast(?3 as timestamptz) and rejected > 0",
                    Object[].class).setParameter(1, applicationId).setParameter(2, first).setParameter(3, query.to())
                    .getResultList().map(limited -> concat(rows, limited))
                : Uni.createFrom().item(rows))))
            .map(rows -> body(query, series(query, rows)));
    }

    /** {@code {from, to, results: [{operation, count, p50, p95, p99}]}} in milliseconds. */
    public Uni<Map<String, Object>> latency(String applicationId, Query query) {
        String sql = "select operation, bucket, sum(count) from app_latency_hour where application_id = ?1"
            + " and hour >= cast(?2 as timestamptz) and hour < cast(?3 as timestamptz)"
            + (query.operation() == null ? "" : " and operation = ?4") + " group by operation, bucket";
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> {
            var select = session.createNativeQuery(sql, Object[].class).setParameter(1, applicationId)
                .setParameter(2, query.from().truncatedTo(ChronoUnit.HOURS)).setParameter(3, query.to());
            if (query.operation() != null) {
                select.setParameter(4, query.operation());
            }
            return select.getResultList();
        })).map(rows -> {
            Map<String, long[]> histograms = new TreeMap<>();
            for (Object[] row : rows) {
                int bucket = ((Number) row[1]).intValue();
                if (bucket >= 0 && bucket < Latency.BUCKETS) {
                    histograms.computeIfAbsent((String) row[0], op -> new long[Latency.BUCKETS])[bucket] +=
                        ((Number) row[2]).longValue();
                }
            }
            List<Map<String, Object>> results = new ArrayList<>();
            histograms.forEach((operation, buckets) -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("operation", operation);
                point.put("count", Arrays.stream(buckets).sum());
                point.put("p50", Latency.percentile(buckets, 0.50));
                point.put("p95", Latency.percentile(buckets, 0.95));
                point.put("p99", Latency.percentile(buckets, 0.99));
                results.add(point);
            });
            return body(query, results);
        });
    }

    private static List<Object[]> concat(List<Object[]> a, List<Object[]> b) {
        List<Object[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Sums rows (hour, value, count) per interval and value, then zero-fills every interval for every value seen. */
    static List<Map<String, Object>> series(Query query, List<Object[]> rows) {
        Map<Instant, Map<String, Long>> counts = new TreeMap<>();
        Set<String> values = new TreeSet<>();
        for (Object[] row : rows) {
            Instant hour = row[0] instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) row[0];
            String value = String.valueOf(row[1]);
            values.add(value);
            counts.computeIfAbsent(hour.truncatedTo(query.unit()), t -> new TreeMap<>())
                .merge(value, ((Number) row[2]).longValue(), Long::sum);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Instant t = query.from().truncatedTo(query.unit()); t.isBefore(query.to()); t = t.plus(1, query.unit())) {
            Map<String, Long> at = counts.getOrDefault(t, Map.of());
            if (query.groupBy() == null) {
                results.add(point(t, null, at.getOrDefault("", 0L)));
            } else {
                for (String value : values) {
                    results.add(point(t, value, at.getOrDefault(value, 0L)));
                }
            }
        }
        return results;
    }

    private static Map<String, Object> point(Instant time, String value, long count) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("time", time.toString());
        if (value != null) {
            point.put("value", value);
        }
        point.put("count", count);
        return point;
    }

    private static Map<String, Object> body(Query query, List<Map<String, Object>> results) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("results", results);
        return body;
    }

    private Instant[] range(String from, String to, Duration max) {
        Instant end = blank(to) ? clock.instant() : instant("to", to);
        Instant start = blank(from) ? end.minus(DEFAULT_RANGE) : instant("from", from);
        if (!start.isBefore(end)) {
            throw invalid("from must be before to");
        }
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw invalid("a range of at most " + max.toDays() + " days at this interval");
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " is not an ISO 8601 date: " + value);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid(ParseErrorCode.INVALID_QUERY, message);
    }
}
