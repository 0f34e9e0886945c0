package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The router's request analytics, polled through the stand-in router, stored per hour and read back. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RequestAnalyticsIT {
    private static final int BUCKETS = 32;

    private static String app(String accountKey, String name) {
        return given().contentType("application/json").header("X-Parse-Account-Key", accountKey)
            .body("{\"appName\":\"" + name + "\"}").post("/1/apps").then().statusCode(201).extract().path("applicationId");
    }

    /** A router answer for one app: usage counters, operations (op class status sdk count) and latency histograms. */
    private static String answer(String id, long requests, long rejected, String operations, String latency) {
        return "{\"latencyBucketsMs\":[],\"apps\":{\"" + id + "\":{\"requests\":" + requests + ",\"bytesIn\":0,\"bytesOut\":0,"
            + "\"rejected\":" + rejected + ",\"operations\":[" + operations + "],\"latency\":{" + latency + "}}}}";
    }

    private static String op(String operation, String className, String status, String sdk, long count) {
        return "{\"operation\":\"" + operation + "\",\"class\":\"" + className + "\",\"status\":\"" + status + "\",\"sdk\":\""
            + sdk + "\",\"count\":" + count + "}";
    }

    /** A histogram with {@code n} requests in bucket {@code bucket}. */
    private static String histogram(String operation, int... bucketAndCount) {
        long[] buckets = new long[BUCKETS];
        for (int i = 0; i < bucketAndCount.length; i += 2) {
            buckets[bucketAndCount[i]] = bucketAndCount[i + 1];
        }
        StringBuilder text = new StringBuilder("\"" + operation + "\":[");
        for (int i = 0; i < BUCKETS; i++) {
            text.append(i == 0 ? "" : ",").append(buckets[i]);
        }
        return text.append("]").toString();
    }

    private static JsonPath requests(String accountKey, String id, String query) {
        Instant now = Instant.now();
        return given().header("X-Parse-Account-Key", accountKey)
            .queryParam("from", now.minus(Duration.ofHours(2)).toString()).queryParam("to", now.plus(Duration.ofHours(1)).toString())
            .get("/api/v1/apps/" + id + "/analytics/requests" + query).then().statusCode(200).extract().jsonPath();
    }

    /** Sums the counts of the answer's points per value ("" for totals). */
    private static Map<String, Integer> byValue(JsonPath answer) {
        Map<String, Integer> sums = new TreeMap<>();
        List<Map<String, Object>> points = answer.getList("results");
        for (Map<String, Object> point : points) {
            sums.merge(String.valueOf(point.getOrDefault("value", "")), (Integer) point.get("count"), Integer::sum);
        }
        return sums;
    }

    private static void await(String what, java.util.function.Supplier<Map<String, Integer>> read,
            Predicate<Map<String, Integer>> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Integer> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (done.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " never arrived; last " + last);
    }

    @Test
    void storesTheRoutersRequestCountersAsHourlyDeltasAndServesThemSplitAndZeroFilled() throws InterruptedException {
        var account = TestAccounts.signup();
        String key = account.accountKey();
        String id = app(key, "Requests");
        EmbeddedPostgresResource.router().answer(answer(id, 6, 0,
            String.join(",", op("find", "Score", "2xx", "js", 4), op("create", "Score", "2xx", "ios", 1),
                op("function", "hello", "5xx", "rest", 1)),
            histogram("find", 4, 3, 10, 1) + "," + histogram("create", 8, 1)));
        await("the first poll", () -> byValue(requests(key, id, "")), sums -> sums.equals(Map.of("", 6)));
        // later counters add only their increase, and the rejected ones show as "limited"
        EmbeddedPostgresResource.router().answer(answer(id, 10, 2,
            String.join(",", op("find", "Score", "2xx", "js", 7), op("create", "Score", "2xx", "ios", 1),
                op("function", "hello", "5xx", "rest", 1), op("get", "_User", "4xx", "android", 1)),
            histogram("find", 4, 5, 10, 1, 20, 1) + "," + histogram("create", 8, 1) + "," + histogram("get", 2, 1)));
        await("the second poll", () -> byValue(requests(key, id, "")), sums -> sums.equals(Map.of("", 10)));

        assertEquals(Map.of("find", 7, "create", 1, "function", 1, "get", 1), byValue(requests(key, id, "?groupBy=operation")));
        assertEquals(Map.of("Score", 8, "hello", 1, "_User", 1), byValue(requests(key, id, "?groupBy=class")));
        assertEquals(Map.of("2xx", 8, "4xx", 1, "5xx", 1, "limited", 2), byValue(requests(key, id, "?groupBy=status")));
        assertEquals(Map.of("js", 7, "ios", 1, "rest", 1, "android", 1), byValue(requests(key, id, "?groupBy=sdk")));

        // zero-filled: one point per hour of the range and value; a daily series has one point per day
        JsonPath hourly = requests(key, id, "?groupBy=operation");
        assertEquals(4 * 4, hourly.getList("results").size(), hourly.prettify());
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString();
        given().header("X-Parse-Account-Key", key).queryParam("from", Instant.now().minus(Duration.ofDays(3)).toString())
            .get("/api/v1/apps/" + id + "/analytics/requests?interval=day").then().statusCode(200)
            .body("results.size()", equalTo(4)).body("results[3].time", equalTo(today)).body("results[3].count", equalTo(10));

        // find: 5 in bucket 4 (<= 1 ms), 1 in bucket 10 (<= 8 ms), 1 in bucket 20 (<= 256 ms)
        given().header("X-Parse-Account-Key", key).get("/api/v1/apps/" + id + "/analytics/latency").then().statusCode(200)
            .body("results.operation", equalTo(List.of("create", "find", "get")))
            .body("results[1].count", equalTo(7)).body("results[1].p50", equalTo(1.0f)).body("results[1].p95", equalTo(256.0f))
            .body("results[1].p99", equalTo(256.0f)).body("results[0].p50", equalTo(4.0f));
        given().header("X-Parse-Account-Key", key).get("/api/v1/apps/" + id + "/analytics/latency?operation=get").then()
            .statusCode(200).body("results.size()", equalTo(1)).body("results[0].p99", equalTo(0.5f));
    }

    @Test
    void aRouterRestartStartsTheCountersAgainAndTheyAddUp() throws InterruptedException {
        var account = TestAccounts.signup();
        String key = account.accountKey();
        String id = app(key, "Restarted");
        EmbeddedPostgresResource.router().answer(answer(id, 5, 0, op("find", "A", "2xx", "js", 5), histogram("find", 4, 5)));
        await("the first poll", () -> byValue(requests(key, id, "")), sums -> sums.equals(Map.of("", 5)));
        // the restarted router has fewer requests but more finds of B than it had of A: all of it is new
        EmbeddedPostgresResource.router().answer(answer(id, 3, 0, op("find", "B", "2xx", "js", 3), histogram("find", 4, 3)));
        await("the poll after the restart", () -> byValue(requests(key, id, "")), sums -> sums.equals(Map.of("", 8)));
        assertEquals(Map.of("A", 5, "B", 3), byValue(requests(key, id, "?groupBy=class")));
        given().header("X-Parse-Account-Key", key).get("/api/v1/apps/" + id + "/analytics/latency").then().statusCode(200)
            .body("results[0].count", equalTo(8));
    }

    @Test
    void badParametersAreParseErrorsAndOtherAccountsSeeNothing() {
        var owner = TestAccounts.signup();
        var other = TestAccounts.signup();
        String id = app(owner.accountKey(), "Private requests");
        for (String query : new String[] {"?interval=minute", "?groupBy=colour", "?from=yesterday",
            "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "?interval=hour&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"}) {
            given().header("X-Parse-Account-Key", owner.accountKey()).get("/api/v1/apps/" + id + "/analytics/requests" + query)
                .then().statusCode(400).body("code", equalTo(102));
        }
        given().header("X-Parse-Account-Key", owner.accountKey()).get("/api/v1/apps/" + id + "/analytics/latency?operation=a;b")
            .then().statusCode(400).body("code", equalTo(102));
        given().header("X-Parse-Account-Key", other.accountKey()).get("/api/v1/apps/" + id + "/analytics/requests")
            .then().statusCode(404);
        given().header("X-Parse-Account-Key", other.accountKey()).get("/api/v1/apps/" + id + "/analytics/latency")
            .then().statusCode(404);
        given().get("/api/v1/apps/" + id + "/analytics/requests").then().statusCode(401);
    }
}
