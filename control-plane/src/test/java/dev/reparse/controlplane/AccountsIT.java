package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AccountsIT {

    private static String body(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void signupAnswers201WithAnAccountKeyAndNormalisesTheEmail() {
        String email = "Mixed-" + UUID.randomUUID() + "@Example.com ";
        given().contentType("application/json").body(body(email, "longenough1"))
            .post("/api/v1/accounts")
            .then().statusCode(201)
            .body("email", equalTo(email.trim().toLowerCase()))
            .body("accountKey", hasLength(40))
            .body("id", notNullValue());
    }

    @Test
    void signupWithATakenEmailAnswers409() {
        var account = TestAccounts.signup();
        given().contentType("application/json").body(body(account.email().toUpperCase(), "anotherpassword"))
            .post("/api/v1/accounts")
            .then().statusCode(409).body("code", equalTo(203)).body("error", notNullValue());
    }

    @Test
    void signupRejectsABadEmailAShortPasswordAndBrokenJson() {
        given().contentType("application/json").body(body("not-an-email", "longenough1"))
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(125));
        given().contentType("application/json").body(body("a-" + UUID.randomUUID() + "@example.com", "short"))
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(142));
        given().contentType("application/json").body("{\"email\":")
            .post("/api/v1/accounts").then().statusCode(400).body("code", equalTo(107));
    }

    @Test
    void loginIssuesASessionTokenAndCookieThatIdentifyTheAccount() {
        var account = TestAccounts.signup();
        Response login = given().contentType("application/json").body(body(account.email(), account.password()))
            .post("/api/v1/sessions");
        // the account key is stored hashed: only signup and rotation can show it
        login.then().statusCode(201).body("sessionToken", notNullValue()).body("email", equalTo(account.email()))
            .body("accountKey", nullValue());
        String token = login.path("sessionToken");
        given().header("Authorization", "Bearer " + token).get("/api/v1/account")
            .then().statusCode(200).body("email", equalTo(account.email()));
        given().cookie("reparse_session", login.getCookie("reparse_session")).get("/api/v1/account")
            .then().statusCode(200).body("email", equalTo(account.email())).body("accountKey", nullValue());
    }

    @Test
    void loginWithAWrongPasswordOrUnknownEmailAnswers401() {
        var account = TestAccounts.signup();
        given().contentType("application/json").body(body(account.email(), "wrong-password"))
            .post("/api/v1/sessions").then().statusCode(401).body("code", equalTo(101));
        given().contentType("application/json").body(body("nobody-" + UUID.randomUUID() + "@example.com", "whatever1"))
            .post("/api/v1/sessions").then().statusCode(401).body("code", equalTo(101));
    }

    @Test
    void logoutEndsTheSession() {
        var account = TestAccounts.signup();
        String token = given().contentType("application/json").body(body(account.email(), account.password()))
            .post("/api/v1/sessions").then().statusCode(201).extract().path("sessionToken");
        given().header("Authorization", "Bearer " + token).delete("/api/v1/sessions/current").then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/v1/account")
            .then().statusCode(401).body("error", equalTo("unauthorized"));
    }
}
