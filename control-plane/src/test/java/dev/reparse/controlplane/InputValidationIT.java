package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Text input the control plane refuses with a clear 400, app names and subdomains, and app limits. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class InputValidationIT {
    // JSON escapes, so the server receives the characters themselves
    private static final String NUL = "\\u0000";
    private static final String BELL = "\\u0007";

    private static RequestSpecification as(TestAccount account) {
        return given().contentType("application/json").header("X-Parse-Account-Key", account.accountKey());
    }

    private static String signupBody(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String create(TestAccount account, String name) {
        return as(account).body("{\"appName\":\"" + name + "\"}").post("/1/apps").then().statusCode(201)
            .extract().path("applicationId");
    }

    @Test
    void tenParallelCreatesWithOneNameAllSucceedWithDistinctSubdomains() throws Exception {
        String name = "Race " + UUID.randomUUID().toString().substring(0, 8);
        List<TestAccount> accounts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accounts.add(TestAccounts.signup());
        }
        List<Callable<Response>> creates = accounts.stream().<Callable<Response>>map(account -> () -> as(account)
            .body("{\"appName\":\"" + name + "\"}").post("/1/apps")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Response> answers = new ArrayList<>();
        try {
            for (Future<Response> answer : pool.invokeAll(creates)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> subdomains = new HashSet<>();
        for (Response answer : answers) {
            assertEquals(201, answer.statusCode(), answer.asString());
            subdomains.add(answer.path("subdomain"));
        }
        assertEquals(10, subdomains.size(), "every app got its own subdomain: " + subdomains);
    }

    @Test
    void controlCharactersInSignupAnswer400AndStoreNothing() {
        String email = "nul-" + UUID.randomUUID() + "@example.com";
        given().contentType("application/json").body(signupBody(email + NUL, "longenough1"))
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(125))
            .body("error", containsString("U+0000"));
        given().contentType("application/json").body(signupBody("a" + NUL + email, "longenough1"))
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(125));
        given().contentType("application/json").body(signupBody(email, "longenough" + BELL))
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(142));
        given().contentType("application/json").body(signupBody("x".repeat(320) + "@example.com", "longenough1"))
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(125));
        // none of the refused signups stored the email (a trailing NUL used to be trimmed away and the rest kept)
        given().contentType("application/json").body(signupBody(email, "longenough1"))
            .post("/api/v1/accounts").then().statusCode(201);
    }

    @Test
    void controlCharactersInLoginAnswer400() {
        TestAccount account = TestAccounts.signup();
        given().contentType("application/json").body(signupBody("a" + NUL + account.email(), account.password()))
            .post("/api/v1/sessions").then().statusCode(400).body("code", equalTo(125));
        given().contentType("application/json").body(signupBody(account.email(), "pass" + NUL + "word"))
            .post("/api/v1/sessions").then().statusCode(400).body("code", equalTo(142));
    }

    @Test
    void controlCharactersOrOverlongAppNamesAnswer400AndChangeNothing() {
        TestAccount account = TestAccounts.signup();
        as(account).body("{\"appName\":\"x" + NUL + "\"}").post("/1/apps").then().statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("appName"));
        as(account).body("{\"appName\":\"a" + BELL + "b\"}").post("/api/v1/apps").then().statusCode(400)
            .body("code", equalTo(142));
        as(account).body("{\"appName\":\"" + "n".repeat(129) + "\"}").post("/1/apps").then().statusCode(400)
            .body("code", equalTo(142));
        as(account).get("/1/apps").then().statusCode(200).body("results.size()", equalTo(0));
        String id = create(account, "Kept");
        as(account).body("{\"appName\":\"x" + NUL + "\"}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(142));
        as(account).get("/1/apps/" + id).then().statusCode(200).body("appName", equalTo("Kept"))
            .body("generation", equalTo(1));
        as(account).get("/1/apps/a%00b").then().statusCode(404).body("code", equalTo(101));
    }

    @Test
    void renamingKeepsTheSubdomainAndAnExplicitOneIsValidatedAndUnique() {
        TestAccount account = TestAccounts.signup();
        String id = create(account, "Original " + UUID.randomUUID().toString().substring(0, 8));
        String subdomain = as(account).get("/1/apps/" + id).then().extract().path("subdomain");
        as(account).body("{\"appName\":\"Another name\"}").put("/1/apps/" + id).then().statusCode(200)
            .body("appName", equalTo("Another name")).body("subdomain", equalTo(subdomain));
        as(account).body("{\"subdomain\":\"Not_A_Label\"}").put("/1/apps/" + id).then().statusCode(400)
            .body("code", equalTo(142)).body("error", containsString("subdomain"));
        as(account).body("{\"subdomain\":\"-dash\"}").put("/1/apps/" + id).then().statusCode(400);
        as(account).body("{\"subdomain\":\"" + "a".repeat(64) + "\"}").put("/1/apps/" + id).then().statusCode(400);

        String other = create(account, "Other");
        as(account).body("{\"subdomain\":\"" + subdomain + "\"}").put("/1/apps/" + other).then().statusCode(409)
            .body("code", equalTo(137));
        as(account).body("{\"appName\":\"Third\",\"subdomain\":\"" + subdomain + "\"}").post("/api/v1/apps")
            .then().statusCode(409).body("code", equalTo(137));

        String chosen = "chosen-" + UUID.randomUUID().toString().substring(0, 8);
        as(account).body("{\"subdomain\":\"" + chosen + "\"}").put("/1/apps/" + other).then().statusCode(200)
            .body("subdomain", equalTo(chosen)).body("generation", equalTo(2));
        as(account).body("{\"appName\":\"Fourth\",\"subdomain\":\"" + chosen + "-2\"}").post("/1/apps")
            .then().statusCode(201).body("subdomain", equalTo(chosen + "-2"));
    }

    @Test
    void anAccountPastItsAppLimitGets403WithTheLimitAndWhatToDo() {
        TestAccount account = TestAccounts.signup();
        String first = create(account, "Limited 1");
        for (int i = 2; i <= 10; i++) {
            create(account, "Limited " + i);
        }
        as(account).body("{\"appName\":\"One too many\"}").post("/1/apps").then().statusCode(403)
            .body("code", equalTo(140)).body("error", containsString("10"))
            .body("error", containsString("reparse.accounts.max-apps"));
        as(account).delete("/1/apps/" + first).then().statusCode(200);
        create(account, "Fits again");
    }
}
