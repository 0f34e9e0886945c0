package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords and account keys are throttled (429 + Retry-After) per (account, address) and per address; account
 * keys are stored hashed; the session cookie's attributes. Each test plays its own client address (X-Forwarded-For;
 * the test profile trusts it), so the tests do not lock each other out. Lockouts last 2 s here (1 min by default).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LoginThrottleIT {

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static RequestSpecification from(String address) {
        return given().contentType("application/json").header("X-Forwarded-For", address);
    }

    private static Response login(String address, String email, String password) {
        return from(address).body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").post("/api/v1/sessions");
    }

    @Test
    void wrongPasswordsLockTheAccountAtThatAddressThenTheRightOneWorksAfterTheLock() throws InterruptedException {
        TestAccount account = TestAccounts.signup();
        String attacker = someAddress();
        for (int i = 0; i < 5; i++) {
            login(attacker, account.email(), "wrong-password-" + i).then().statusCode(401).body("code", equalTo(101));
        }
        Response locked = login(attacker, account.email(), account.password());
        locked.then().statusCode(429).body("code", equalTo(155)).body("error", containsString("Try again"))
            .header("Retry-After", notNullValue());
        int retryAfter = Integer.parseInt(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        // the Apps API's email and password headers are the same login
        from(attacker).header("X-Parse-Email", account.email()).header("X-Parse-Password", account.password())
            .get("/1/apps").then().statusCode(429).body("code", equalTo(155)).header("Retry-After", notNullValue());

        // the owner, elsewhere, is not locked out by the attacker
        login(someAddress(), account.email(), account.password()).then().statusCode(201);

        Thread.sleep(retryAfter * 1000L + 200);
        login(attacker, account.email(), account.password()).then().statusCode(201);
        // a success clears the count: one more mistake is a plain 401 again
        login(attacker, account.email(), "wrong-again").then().statusCode(401);
    }

    @Test
    void wrongAccountKeysFromOneAddressLockThatAddressOut() {
        TestAccount account = TestAccounts.signup();
        String address = someAddress();
        for (int i = 0; i < 50; i++) {
            from(address).header("X-Parse-Account-Key", "guess-" + i).get("/1/apps").then().statusCode(401);
        }
        from(address).header("X-Parse-Account-Key", account.accountKey()).get("/api/v1/apps").then().statusCode(429)
            .body("code", equalTo(155)).header("Retry-After", notNullValue());
        from(someAddress()).header("X-Parse-Account-Key", account.accountKey()).get("/api/v1/apps").then().statusCode(200);
    }

    @Test
    void accountKeysAreStoredHashedShownOnceAndRotatable() throws Exception {
        TestAccount account = TestAccounts.signup();
        String stored = storedAccountKey(account.email());
        assertNotEquals(account.accountKey(), stored);
        assertEquals(sha256(account.accountKey()), stored);

        given().header("X-Parse-Account-Key", account.accountKey()).get("/api/v1/account").then().statusCode(200)
            .body("accountKey", nullValue());
        String rotated = given().header("X-Parse-Account-Key", account.accountKey()).post("/api/v1/account/key")
            .then().statusCode(201).body("accountKey", hasLength(40)).body("accountKey", not(account.accountKey()))
            .extract().path("accountKey");
        assertEquals(sha256(rotated), storedAccountKey(account.email()));
        given().header("X-Parse-Account-Key", rotated).get("/1/apps").then().statusCode(200);
        given().header("X-Parse-Account-Key", account.accountKey()).get("/1/apps").then().statusCode(401);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndSecureOverHttps() {
        TestAccount account = TestAccounts.signup();
        String plain = login(someAddress(), account.email(), account.password()).then().statusCode(201)
            .extract().header("Set-Cookie");
        assertTrue(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"), plain);
        assertTrue(!plain.contains("Secure"), "no Secure over plain HTTP: " + plain);
        String https = from(someAddress()).header("X-Forwarded-Proto", "https")
            .body("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}")
            .post("/api/v1/sessions").then().statusCode(201).extract().header("Set-Cookie");
        assertTrue(https.contains("Secure") && https.contains("HttpOnly") && https.contains("SameSite=Lax"), https);
        String logout = given().header("X-Forwarded-Proto", "https").delete("/api/v1/sessions/current")
            .then().statusCode(204).extract().header("Set-Cookie");
        assertTrue(logout.contains("Max-Age=0") && logout.contains("Secure") && logout.contains("SameSite=Lax"), logout);
    }

    private static String storedAccountKey(String email) throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement query = db.prepareStatement("select account_key from account where email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "no account " + email);
                return row.getString(1);
            }
        }
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
