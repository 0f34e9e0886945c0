package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;

import java.util.UUID;

/** Signs up throwaway accounts; every test uses its own, so tests share one database safely. */
final class TestAccounts {
    record TestAccount(String email, String password, String accountKey) {
    }

    private TestAccounts() {
    }

    static TestAccount signup() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery";
        String key = given().contentType("application/json")
            .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
            .post("/api/v1/accounts")
            .then().statusCode(201).extract().path("accountKey");
        return new TestAccount(email, password, key);
    }
}
