package dev.reparse.controlplane.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig.CatchUp;
import dev.reparse.controlplane.EmbeddedPostgresResource;
import dev.reparse.controlplane.secrets.KeySeal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs API an app's owner manages schedules and "Run now" with: strict validation with Parse errors, writes that
 * reach the app's {@code _JobSchedule} (a stand-in app API, as {@link JobSchedulerIT} uses) in Parse Dashboard's
 * format, a schedule written here run by the scheduler at its next tick, and a run started now listed with its status.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JobSchedulesIT {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    KeySeal seal;

    @Inject
    DataSource database;

    @Inject
    ObjectMapper json;

    private FakeApps apps;
    private String email;
    private String accountKey;
    private String appId;

    @BeforeEach
    void setUp() {
        apps = FakeApps.shared();
        email = "schedules-" + UUID.randomUUID() + "@example.com";
        accountKey = given().contentType("application/json")
            .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
            .post("/api/v1/accounts").then().statusCode(201).extract().path("accountKey");
        JsonPath created = owner().contentType("application/json").body("{\"appName\":\"Jobs\"}").post("/1/apps")
            .then().statusCode(201).extract().jsonPath();
        appId = created.getString("applicationId");
        apps.app(appId, created.getString("masterKey"), "[]");
        apps.defines(appId, "cleanup", "report");
        owner().contentType("application/javascript")
            .body("Parse.Cloud.job('cleanup', () => 'done');".getBytes(StandardCharsets.UTF_8))
            .put("/api/v1/apps/" + appId + "/cloud").then().statusCode(200);
    }

    private RequestSpecification owner() {
        return given().header("X-Parse-Account-Key", accountKey);
    }

    private String schedules() {
        return "/api/v1/apps/" + appId + "/jobs/schedules";
    }

    private JsonPath create(String body) {
        return owner().contentType("application/json").body(body).post(schedules()).then().statusCode(201)
            .extract().jsonPath();
    }

    @Test
    void aScheduleIsWrittenToTheAppInTheDashboardsFormatAndListedWithItsNextRun() {
        JsonPath schedule = create("""
            {"jobName":"cleanup","description":"nightly tidy","params":{"limit":10},"startAfter":"2026-01-01T00:00:00Z",
             "daysOfWeek":[0,1,1,1,1,1,0],"timeOfDay":"08:30","repeatMinutes":60}""");
        assertEquals("cleanup", schedule.getString("jobName"));
        assertEquals("08:30", schedule.getString("timeOfDay"));
        assertTrue(schedule.getString("nextRun") != null, "a repeating schedule has a next run");
        JsonNode row = apps.rows(appId).get(0);
        assertEquals(schedule.getString("objectId"), row.path("objectId").asText());
        assertEquals("{\"limit\":10}", row.path("params").asText(), "params are stored as JSON text");
        assertEquals("08:30:00.000Z", row.path("timeOfDay").asText());
        assertEquals("[0,1,1,1,1,1,0]", row.path("daysOfWeek").toString());
        assertEquals(60, row.path("repeatMinutes").asInt());
        assertEquals("2026-01-01T00:00:00Z", row.path("startAfter").asText());
        owner().get("/api/v1/apps/" + appId + "/jobs").then().statusCode(200)
            .body("schedules[0].objectId", equalTo(schedule.getString("objectId")))
            .body("schedules[0].description", equalTo("nightly tidy"))
            .body("schedules[0].nextRun", notNullValue())
            .body("definedJobs", hasItem("report"));
    }

    @Test
    void badSchedulesAreRefusedWithParseErrorsAndNothingIsWritten() {
        refused("{\"jobName\":\"nosuch\"}", 142, "Unknown job nosuch: the app's Cloud Code defines cleanup, report");
        refused("{\"description\":\"no job\"}", 142, "jobName is required");
        refused("{\"jobName\":\"cleanup\",\"timeOfDay\":\"25:00\"}", 142, "timeOfDay must be a 24-hour time");
        refused("{\"jobName\":\"cleanup\",\"timeOfDay\":\"8am\"}", 142, "timeOfDay");
        refused("{\"jobName\":\"cleanup\",\"repeatMinutes\":1441}", 142, "repeatMinutes must be 1 to 1440");
        refused("{\"jobName\":\"cleanup\",\"repeatMinutes\":-5}", 142, "repeatMinutes must be 1 to 1440");
        refused("{\"jobName\":\"cleanup\",\"repeatMinutes\":\"often\"}", 111, "whole number");
        refused("{\"jobName\":\"cleanup\",\"repeatMinutes\":1.5}", 111, "whole number");
        refused("{\"jobName\":\"cleanup\",\"params\":\"[1,2]\"}", 142, "params must be a JSON object");
        refused("{\"jobName\":\"cleanup\",\"params\":\"{not json\"}", 142, "params must be a JSON object");
        refused("{\"jobName\":\"cleanup\",\"params\":42}", 142, "params must be a JSON object");
        refused("{\"jobName\":\"cleanup\",\"startAfter\":\"tomorrow\"}", 142, "startAfter must be an ISO 8601 date");
        refused("{\"jobName\":\"cleanup\",\"daysOfWeek\":[1,1,1]}", 142, "daysOfWeek must be seven flags");
        refused("{\"jobName\":\"cleanup\",\"daysOfWeek\":[0,0,0,0,0,0,0]}", 142, "at least one day");
        refused("{\"jobName\":\"cleanup\",\"description\":7}", 111, "description must be a string");
        refused("{\"jobName\":\"cleanup\",\"description\":\"a\\u0000b\"}", 142, "control characters");
        refused("{\"jobName\":\"cleanup\",\"cron\":\"* * * * *\"}", 105, "Unknown field cron");
        refused("{\"jobName\":", 107, "invalid JSON");
        refused("[1]", 107, "must be a JSON object");
        assertEquals(0, apps.rows(appId).size(), "nothing reached the app");
    }

    private void refused(String body, int code, String message) {
        owner().contentType("application/json").body(body).post(schedules()).then().statusCode(400)
            .body("code", equalTo(code)).body("error", containsString(message));
    }

    @Test
    void aScheduleIsEditedAndDeletedAndAnUnknownOneIs404() {
        String id = create("{\"jobName\":\"cleanup\",\"repeatMinutes\":15,\"timeOfDay\":\"06:00:00\"}").getString("objectId");
        owner().contentType("application/json").body("{\"jobName\":\"report\",\"repeatMinutes\":1440,\"description\":\"daily\"}")
            .put(schedules() + "/" + id).then().statusCode(200)
            .body("jobName", equalTo("report")).body("repeatMinutes", equalTo(1440)).body("timeOfDay", equalTo("06:00"));
        assertEquals("report", apps.rows(appId).get(0).path("jobName").asText());
        owner().contentType("application/json").body("{\"jobName\":\"nosuch\"}").put(schedules() + "/" + id).then()
            .statusCode(400).body("code", equalTo(142));
        owner().contentType("application/json").body("{\"repeatMinutes\":0,\"extra\":1}").put(schedules() + "/" + id).then()
            .statusCode(400).body("code", equalTo(105));
        owner().contentType("application/json").body("{\"description\":\"x\"}").put(schedules() + "/nosuchid").then()
            .statusCode(404).body("code", equalTo(101)).body("error", equalTo("Schedule not found."));

        owner().delete(schedules() + "/" + id).then().statusCode(200);
        assertEquals(0, apps.rows(appId).size());
        owner().delete(schedules() + "/" + id).then().statusCode(404).body("code", equalTo(101));
    }

    @Test
    void onlyTheOwnerManagesSchedulesWithAnyOfTheAccountsCredentials() {
        given().contentType("application/json").body("{\"jobName\":\"cleanup\"}").post(schedules()).then()
            .statusCode(401);
        String stranger = given().contentType("application/json")
            .body("{\"email\":\"stranger-" + UUID.randomUUID() + "@example.com\",\"password\":\"" + PASSWORD + "\"}")
            .post("/api/v1/accounts").then().statusCode(201).extract().path("accountKey");
        given().header("X-Parse-Account-Key", stranger).contentType("application/json").body("{\"jobName\":\"cleanup\"}")
            .post(schedules()).then().statusCode(404).body("code", equalTo(101));
        given().header("X-Parse-Account-Key", stranger).post("/api/v1/apps/" + appId + "/jobs/cleanup/run").then()
            .statusCode(404).body("code", equalTo(101));
        given().header("X-Parse-Email", email).header("X-Parse-Password", PASSWORD).contentType("application/json")
            .body("{\"jobName\":\"cleanup\"}").post(schedules()).then().statusCode(201);
        assertEquals(1, apps.rows(appId).size(), "only the owner's write landed");
    }

    @Test
    void runNowStartsTheJobAsTheSchedulerDoesAndListsTheRunWithItsStatus() {
        String statusId = owner().contentType("application/json").body("{\"params\":{\"dryRun\":true}}")
            .post("/api/v1/apps/" + appId + "/jobs/cleanup/run").then().statusCode(201)
            .body("jobName", equalTo("cleanup")).extract().path("jobStatusId");
        assertTrue(statusId.startsWith("status"), statusId);
        assertEquals("{\"dryRun\":true}", apps.calls(appId).get(0).body());
        owner().get("/api/v1/apps/" + appId + "/jobs").then().statusCode(200)
            .body("runs[0].scheduleId", equalTo("run-now"))
            .body("runs[0].jobName", equalTo("cleanup"))
            .body("runs[0].outcome", equalTo("started"))
            .body("runs[0].jobStatusId", equalTo(statusId))
            .body("runs[0].status", equalTo("succeeded"))
            .body("runs[0].statusMessage", equalTo("done"))
            .body("runs[0].durationMs", equalTo(1500))
            .body("runs[0].message", nullValue());

        owner().post("/api/v1/apps/" + appId + "/jobs/nosuch/run").then().statusCode(404).body("code", equalTo(141));
        owner().contentType("application/json").body("{\"param\":{}}").post("/api/v1/apps/" + appId + "/jobs/cleanup/run")
            .then().statusCode(400).body("code", equalTo(105));
        owner().contentType("application/json").body("{\"params\":\"[]\"}").post("/api/v1/apps/" + appId + "/jobs/cleanup/run")
            .then().statusCode(400).body("code", equalTo(142));
        apps.running(appId, 1);
        owner().post("/api/v1/apps/" + appId + "/jobs/cleanup/run").then().statusCode(429).body("code", equalTo(155))
            .body("error", containsString("already runs 1 job(s)"));
        apps.running(appId, 0);
        assertEquals(1, apps.calls(appId).size(), "only the first call started the job");
    }

    @Test
    void theSchedulerRunsAScheduleWrittenHereAtItsNextTick() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update job_scheduler_lease set holder = '', expires_at = timestamptz '1970-01-01 00:00:00+00'");
        }
        Instant now = Instant.now();
        create("{\"jobName\":\"report\",\"params\":\"{\\\"n\\\":2}\",\"repeatMinutes\":1,\"timeOfDay\":\"00:00\"}");
        JobSchedulerIT.TestClock clock = new JobSchedulerIT.TestClock(now.plus(Duration.ofSeconds(65)));
        JobScheduler scheduler = new JobScheduler(new JobRunStore(database, seal), new AppJobsClient(apps.api(), json),
            clock, new JobScheduler.Settings(Duration.ofSeconds(5), 1, CatchUp.ONCE, Duration.ofMinutes(20),
                Duration.ofDays(30)), "schedules-it-" + UUID.randomUUID(), json);
        scheduler.tick();
        scheduler.release();
        assertEquals(1, apps.calls(appId).size(), "the new schedule ran: " + apps.calls(appId));
        assertEquals("report", apps.calls(appId).get(0).jobName());
        assertEquals("{\"n\":2}", apps.calls(appId).get(0).body());
    }
}
