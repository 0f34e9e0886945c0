package dev.reparse.controlplane.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.secrets.KeySeal;
import dev.reparse.controlplane.ControlPlaneConfig.CatchUp;
import dev.reparse.controlplane.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler instances (as two control-plane replicas run them) against one real PostgreSQL, driven by a test
 * clock, calling a stand-in for apps' Parse API: each planned minute is run exactly once, across a lease hand-over, a
 * restart and a crash.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JobSchedulerIT {
    private static final Duration TICK = Duration.ofSeconds(5);
    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final String EVERY_MINUTE = """
        [{"objectId":"everyMin","jobName":"tick","description":"every minute","params":"{\\"n\\":1}",
          "daysOfWeek":[1,1,1,1,1,1,1],"timeOfDay":"00:00:00.000Z","repeatMinutes":1,
          "startAfter":"2026-03-02T11:00:00.000Z","createdAt":"2026-03-02T12:00:00.500Z"}]""";

    @Inject
    KeySeal seal;

    @Inject
    DataSource database;

    @Inject
    ObjectMapper json;

    private FakeApps apps;
    private TestClock clock;
    private ExecutorService threads;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void setUp() throws SQLException {
        apps = FakeApps.shared();
        clock = new TestClock(NOON);
        threads = Executors.newFixedThreadPool(2);
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update job_scheduler_lease set holder = '', expires_at = timestamptz '1970-01-01 00:00:00+00'");
        }
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    private JobScheduler scheduler(String name, CatchUp catchUp) {
        return new JobScheduler(new JobRunStore(database, seal), new AppJobsClient(apps.api(), json), clock,
            new JobScheduler.Settings(TICK, 1, catchUp, Duration.ofMinutes(20),
                Duration.ofDays(30)), name + "-" + UUID.randomUUID(), json);
    }

    /** A new app (ready at once with the tests' provisioner) whose Parse API serves these schedule rows. */
    private String app(String schedules) {
        return app(schedules, newAccount());
    }

    private static String newAccount() {
        return given().contentType("application/json")
            .body("{\"email\":\"jobs-" + UUID.randomUUID() + "@example.com\",\"password\":\"correct horse battery\"}")
            .post("/api/v1/accounts").then().statusCode(201).extract().path("accountKey");
    }

    private String app(String schedules, String accountKey) {
        JsonPath created = given().contentType("application/json").header("X-Parse-Account-Key", accountKey)
            .body("{\"appName\":\"Scheduled\"}").post("/1/apps").then().statusCode(201).extract().jsonPath();
        apps.app(created.getString("applicationId"), created.getString("masterKey"), schedules);
        // only apps with Cloud Code have jobs, so only theirs are scanned
        given().header("X-Parse-Account-Key", accountKey).contentType("application/javascript")
            .body("Parse.Cloud.job('nightly', () => 'done');".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .put("/api/v1/apps/" + created.getString("applicationId") + "/cloud").then().statusCode(200);
        return created.getString("applicationId");
    }

    /** Moves the clock tick by tick up to {@code until}, both schedulers ticking at once at every step. */
    private void tickTogether(Instant until, List<JobScheduler> schedulers) throws Exception {
        while (clock.instant().isBefore(until)) {
            clock.set(clock.instant().plus(TICK));
            List<Future<Object>> ticks = new ArrayList<>();
            for (JobScheduler scheduler : schedulers) {
                ticks.add(threads.submit((Callable<Object>) () -> {
                    scheduler.tick();
                    return null;
                }));
            }
            for (Future<Object> tick : ticks) {
                tick.get();
            }
        }
    }

    private List<Instant> plannedRuns(String applicationId) throws SQLException {
        return new JobRunStore(database, seal).recent(applicationId, 1000).stream().map(JobRunStore.JobRun::plannedAt)
            .sorted().toList();
    }

    private static List<Instant> minutes(int... minutes) {
        List<Instant> planned = new ArrayList<>();
        for (int minute : minutes) {
            planned.add(NOON.plus(Duration.ofMinutes(minute)));
        }
        return planned;
    }

    @Test
    void anEveryMinuteScheduleRunsOncePerMinuteWithTwoSchedulers() throws Exception {
        String id = app(EVERY_MINUTE);
        tickTogether(NOON.plus(Duration.ofMinutes(10)), List.of(scheduler("a", CatchUp.ONCE), scheduler("b", CatchUp.ONCE)));
        assertEquals(10, apps.calls(id).size(), "one POST /jobs/tick per minute: " + apps.calls(id));
        assertEquals(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), plannedRuns(id));
        assertTrue(apps.calls(id).stream().allMatch(call -> call.jobName().equals("tick") && call.body().equals("{\"n\":1}")));
        assertTrue(new JobRunStore(database, seal).recent(id, 100).stream()
            .allMatch(run -> run.outcome().equals("started") && run.jobStatusId().startsWith("status")));
    }

    @Test
    void theClaimKeepsARunSingleWhenTwoSchedulersBothThinkTheyLead() throws Exception {
        String id = app(EVERY_MINUTE);
        JobScheduler a = scheduler("a", CatchUp.ONCE);
        JobScheduler b = scheduler("b", CatchUp.ONCE);
        for (int second = 5; second <= 600; second += 5) {
            Instant now = NOON.plusSeconds(second);
            // no lease: both scan and race for every run, as during a lease hand-over
            Future<Object> first = threads.submit((Callable<Object>) () -> {
                a.runDue(now);
                return null;
            });
            Future<Object> second2 = threads.submit((Callable<Object>) () -> {
                b.runDue(now);
                return null;
            });
            first.get();
            second2.get();
        }
        assertEquals(10, apps.calls(id).size(), "one POST /jobs/tick per minute: " + apps.calls(id));
        assertEquals(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), plannedRuns(id));
    }

    @Test
    void aRestartNeitherLosesNorDoublesARunAndMissedRunsRunOnce() throws Exception {
        String id = app(EVERY_MINUTE);
        JobScheduler first = scheduler("first-life", CatchUp.ONCE);
        tickTogether(NOON.plus(Duration.ofSeconds(200)), List.of(first));
        first.release();
        // down from 12:03:20 to 12:07:20: the four missed minutes collapse into the 12:07 run
        clock.set(NOON.plus(Duration.ofSeconds(435)));
        JobScheduler restarted = scheduler("second-life", CatchUp.ONCE);
        tickTogether(NOON.plus(Duration.ofMinutes(9)), List.of(restarted));
        assertEquals(minutes(1, 2, 3, 7, 8, 9), plannedRuns(id));
        assertEquals(6, apps.calls(id).size());
    }

    @Test
    void aCrashedLeadersReplicaTakesOverWithoutLosingTheMinute() throws Exception {
        String id = app(EVERY_MINUTE);
        JobScheduler crashed = scheduler("crashed", CatchUp.ONCE);
        JobScheduler survivor = scheduler("survivor", CatchUp.ONCE);
        tickTogether(NOON.plus(Duration.ofSeconds(175)), List.of(crashed, survivor));
        // "crashed" stops ticking without giving its lease up; the survivor waits the lease out, then runs 12:03
        tickTogether(NOON.plus(Duration.ofMinutes(6)), List.of(survivor));
        assertEquals(minutes(1, 2, 3, 4, 5, 6), plannedRuns(id));
        assertEquals(6, apps.calls(id).size());
    }

    @Test
    void catchUpSkipRecordsMissedRunsWithoutRunningThem() throws Exception {
        String id = app(EVERY_MINUTE);
        clock.set(NOON.plus(Duration.ofSeconds(330)));
        tickTogether(NOON.plus(Duration.ofSeconds(420)), List.of(scheduler("skipper", CatchUp.SKIP)));
        // 12:05 was planned before the scheduler came up: recorded missed; 12:06 and 12:07 run
        var runs = new JobRunStore(database, seal).recent(id, 10);
        assertEquals(minutes(5, 6, 7), plannedRuns(id));
        assertEquals("missed", runs.get(runs.size() - 1).outcome());
        assertEquals(2, apps.calls(id).size());
    }

    @Test
    void aRunDueWhileTheAppsJobRunsIsSkippedAndRecorded() throws Exception {
        String id = app(EVERY_MINUTE);
        apps.running(id, 1);
        tickTogether(NOON.plus(Duration.ofSeconds(65)), List.of(scheduler("busy", CatchUp.ONCE)));
        apps.running(id, 0);
        tickTogether(NOON.plus(Duration.ofSeconds(125)), List.of(scheduler("busy", CatchUp.ONCE)));
        var runs = new JobRunStore(database, seal).recent(id, 10);
        assertEquals(2, runs.size());
        assertEquals("started", runs.get(0).outcome());
        assertEquals("skipped", runs.get(1).outcome());
        assertTrue(runs.get(1).message().contains("limit"), runs.get(1).message());
        assertEquals(1, apps.calls(id).size());
    }

    @Test
    void aScheduleWithParamsThatAreNotJsonFailsRecordedAndOthersStillRun() throws Exception {
        String id = app("""
            [{"objectId":"bad","jobName":"tick","params":"{not json","repeatMinutes":1,"createdAt":"2026-03-02T12:00:00Z"},
             {"objectId":"broken","jobName":"tick","daysOfWeek":[1],"repeatMinutes":1,"createdAt":"2026-03-02T12:00:00Z"},
             {"objectId":"good","jobName":"other","repeatMinutes":1,"createdAt":"2026-03-02T12:00:00Z"}]""");
        tickTogether(NOON.plus(Duration.ofSeconds(60)), List.of(scheduler("mixed", CatchUp.ONCE)));
        var runs = new JobRunStore(database, seal).recent(id, 10);
        assertEquals(2, runs.size(), runs.toString());
        assertTrue(runs.stream().anyMatch(run -> run.scheduleId().equals("bad") && run.outcome().equals("failed")
            && run.message().contains("not JSON")), runs.toString());
        assertEquals(List.of("other"), apps.calls(id).stream().map(FakeApps.JobCall::jobName).toList());
    }

    @Test
    void theConsoleSeesEachScheduleWithItsNextRunAndTheLatestRuns() throws Exception {
        String owner = newAccount();
        String id = app(EVERY_MINUTE.replace("\"repeatMinutes\":1,", "\"repeatMinutes\":1440,"), owner);
        clock.set(NOON.plus(Duration.ofDays(1)));
        tickTogether(NOON.plus(Duration.ofDays(1)).plusSeconds(5), List.of(scheduler("console", CatchUp.ONCE)));
        given().header("X-Parse-Account-Key", owner).get("/api/v1/apps/" + id + "/jobs").then().statusCode(200)
            .body("timeZone", equalTo("UTC"))
            .body("schedules[0].jobName", equalTo("tick"))
            .body("schedules[0].repeatMinutes", equalTo(1440))
            .body("schedules[0].daysOfWeek", contains(1, 1, 1, 1, 1, 1, 1))
            .body("schedules[0].nextRun", notNullValue())
            .body("runs[0].plannedAt", startsWith("2026-03-03T00:00"))
            .body("runs[0].outcome", equalTo("started"));
        given().header("X-Parse-Account-Key", newAccount()).get("/api/v1/apps/" + id + "/jobs").then().statusCode(404)
            .body("code", equalTo(101));
    }

    @Test
    void oldRunsAreForgottenButEachSchedulesLatestStaysSoAOneTimeRunNeverRepeats() throws Exception {
        String id = app(EVERY_MINUTE.replace("}]", "},\n" + """
            {"objectId":"oneTime","jobName":"once","startAfter":"2026-03-02T12:00:30.000Z",
             "createdAt":"2026-03-02T12:00:00.000Z"}]"""));
        JobScheduler scheduler = scheduler("forgetful", CatchUp.ONCE);
        tickTogether(NOON.plus(Duration.ofMinutes(3)), List.of(scheduler));
        assertEquals(4, plannedRuns(id).size(), "12:00:30 once, 12:01-12:03 every minute");
        // 31 days on: the hourly clean-up drops all but each schedule's latest run
        assertTrue(new JobRunStore(database, seal).forget(NOON.plus(Duration.ofDays(31))) >= 2);
        assertEquals(List.of(NOON.plusSeconds(30), NOON.plus(Duration.ofMinutes(3))), plannedRuns(id));
        clock.set(NOON.plus(Duration.ofDays(31)));
        tickTogether(NOON.plus(Duration.ofDays(31)).plusSeconds(5), List.of(scheduler));
        assertEquals(1, apps.calls(id).stream().filter(call -> call.jobName().equals("once")).count());
    }

    @Test
    void anAppWithoutCloudCodeIsNotScanned() throws Exception {
        JsonPath created = given().contentType("application/json").header("X-Parse-Account-Key", newAccount())
            .body("{\"appName\":\"No code\"}").post("/1/apps").then().statusCode(201).extract().jsonPath();
        String id = created.getString("applicationId");
        apps.app(id, created.getString("masterKey"), EVERY_MINUTE);
        JobScheduler scheduler = scheduler("solo", CatchUp.ONCE);
        tickTogether(NOON.plus(Duration.ofMinutes(3)), List.of(scheduler));
        assertTrue(apps.calls(id).isEmpty(), "an app without Cloud Code has no job to call: " + apps.calls(id));
    }
}
