package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The console's page-load probe answers 200 whether or not anyone is signed in. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ConsoleSessionIT {
    @Test
    void nobodySignedInIsAnAnswerNotAFailure() {
        given().get("/api/v1/console/session").then().statusCode(200)
            .body("account", nullValue()).body("sso", equalTo(false));
        given().cookie("reparse_session", "not-a-session").get("/api/v1/console/session").then().statusCode(200)
            .body("account", nullValue());
    }

    @Test
    void aSignedInAccountIsNamed() {
        TestAccount account = TestAccounts.signup();
        String token = given().contentType("application/json")
            .body("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}")
            .post("/api/v1/sessions").then().statusCode(201).extract().path("sessionToken");
        given().cookie("reparse_session", token).get("/api/v1/console/session").then().statusCode(200)
            .body("account.email", equalTo(account.email()))
            .body("account.accountKey", nullValue()); // shown only at signup and on rotation
    }
}
