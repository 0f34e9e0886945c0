package dev.reparse.controlplane.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reparse.controlplane.keycloak.Browser;
import dev.reparse.controlplane.keycloak.KeycloakAdminApi;
import dev.reparse.controlplane.keycloak.KeycloakProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The control plane with {@code reparse.identity.provider=keycloak} against a real Keycloak. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
@EnabledIf("dev.reparse.controlplane.keycloak.KeycloakServer#available")
class KeycloakIT {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    KeycloakRealmSetup realmSetup;

    // From the config rather than KeycloakServer's static: the test class and the test resource may not share a class loader.
    @ConfigProperty(name = "reparse.identity.keycloak.server-url")
    String keycloakUrl;

    // The console's public URL (the host the OIDC callback goes to), so the browser's cookies are those of one site.
    @ConfigProperty(name = "reparse.public-url")
    String publicUrl;

    private KeycloakAdminApi admin;

    @BeforeEach
    void adminApi() {
        admin = new KeycloakAdminApi(keycloakUrl);
    }

    private static String newEmail() {
        return "kc-" + UUID.randomUUID() + "@example.com";
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static void signup(String email) {
        given().contentType("application/json").body(credentials(email, PASSWORD)).post("/api/v1/accounts")
            .then().statusCode(201).body("email", equalTo(email)).body("accountKey", hasLength(40));
    }

    /** Creates a user straight in Keycloak, as an administrator would, with no control-plane account. */
    private void createKeycloakUser(String email, boolean emailVerified) {
        String user = "{\"username\":\"" + email + "\",\"email\":\"" + email + "\",\"enabled\":true,\"emailVerified\":"
            + emailVerified + ",\"firstName\":\"Ada\",\"lastName\":\"Admin\",\"credentials\":[{\"type\":\"password\",\"value\":\""
            + PASSWORD + "\",\"temporary\":false}]}";
        assertEquals(201, admin.post("reparse/users", user));
    }

    @Test
    void signupCreatesAnEnabledVerifiedKeycloakUserWithAName() {
        String email = newEmail();
        signup(email);
        JsonNode users = admin.get("reparse/users?exact=true&email=" + email);
        assertEquals(1, users.size());
        JsonNode user = users.get(0);
        assertEquals(email, user.path("username").asText());
        assertTrue(user.path("enabled").asBoolean());
        assertTrue(user.path("emailVerified").asBoolean());
        assertFalse(user.path("firstName").asText().isBlank());
        assertFalse(user.path("lastName").asText().isBlank());
    }

    @Test
    void signupWithATakenEmailAnswers409WhetherTheControlPlaneOrOnlyKeycloakKnowsIt() {
        String email = newEmail();
        signup(email);
        given().contentType("application/json").body(credentials(email, "another password")).post("/api/v1/accounts")
            .then().statusCode(409).body("code", equalTo(203));
        String keycloakOnly = newEmail();
        createKeycloakUser(keycloakOnly, true);
        given().contentType("application/json").body(credentials(keycloakOnly, PASSWORD)).post("/api/v1/accounts")
            .then().statusCode(409).body("code", equalTo(203));
    }

    @Test
    void passwordLoginChecksTheKeycloakPassword() {
        String email = newEmail();
        signup(email);
        given().contentType("application/json").body(credentials(email, PASSWORD)).post("/api/v1/sessions")
            .then().statusCode(201).body("email", equalTo(email));
        given().contentType("application/json").body(credentials(email, "wrong password")).post("/api/v1/sessions")
            .then().statusCode(401).body("code", equalTo(101));
        given().contentType("application/json").body(credentials(newEmail(), PASSWORD)).post("/api/v1/sessions")
            .then().statusCode(401).body("code", equalTo(101));
    }

    @Test
    void appsApiAcceptsEmailAndPasswordHeadersOfAKeycloakBackedAccount() {
        String email = newEmail();
        signup(email);
        given().header("X-Parse-Email", email).header("X-Parse-Password", PASSWORD).get("/1/apps")
            .then().statusCode(200).body("results.size()", equalTo(0));
        given().header("X-Parse-Email", email).header("X-Parse-Password", "not the password").get("/1/apps")
            .then().statusCode(401);
        given().header("X-Parse-Email", newEmail()).header("X-Parse-Password", PASSWORD).get("/1/apps")
            .then().statusCode(401);
    }

    @Test
    void oidcLoginOfASignedUpAccountOpensAConsoleSession() {
        String email = newEmail();
        signup(email);
        Browser browser = new Browser();
        HttpResponse<String> callback = loginThroughKeycloak(browser, email, PASSWORD);
        HttpResponse<String> done = browser.get(Browser.location(callback));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals(publicUrl, Browser.location(done));
        String session = browser.cookie("reparse_session");
        assertNotNull(session, "the callback sets the console session cookie");
        given().cookie("reparse_session", session).get("/api/v1/account").then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void oidcFirstLoginOfAKeycloakOnlyUserCreatesTheAccount() {
        String email = newEmail();
        createKeycloakUser(email, true);
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(Browser.location(loginThroughKeycloak(browser, email, PASSWORD)));
        assertEquals(303, done.statusCode(), done.body());
        given().cookie("reparse_session", browser.cookie("reparse_session")).get("/api/v1/account")
            .then().statusCode(200).body("email", equalTo(email));
        // the account has a key like any other; stored hashed, it is shown when replaced
        given().cookie("reparse_session", browser.cookie("reparse_session")).post("/api/v1/account/key")
            .then().statusCode(201).body("email", equalTo(email)).body("accountKey", hasLength(40));
    }

    @Test
    void oidcLoginRefusesAnUnverifiedEmail() {
        String email = newEmail();
        createKeycloakUser(email, false);
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(Browser.location(loginThroughKeycloak(browser, email, PASSWORD)));
        assertEquals(401, done.statusCode(), done.body());
        assertEquals(null, browser.cookie("reparse_session"));
    }

    @Test
    void oidcCallbackRefusesAForeignStateAndAReplayedCode() {
        String email = newEmail();
        signup(email);
        Browser browser = new Browser();
        String callback = Browser.location(loginThroughKeycloak(browser, email, PASSWORD));
        Browser stranger = new Browser();
        HttpResponse<String> forged = stranger.get(callback);
        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals(303, browser.get(callback).statusCode());
        // The state cookie is gone after a login, so the same callback cannot be replayed by this browser either.
        assertEquals(400, browser.get(callback).statusCode());
    }

    @Test
    void wrongPasswordAtKeycloakNeverReachesTheCallback() {
        String email = newEmail();
        signup(email);
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(Browser.location(browser.get(publicUrl + "api/v1/oidc/login")));
        HttpResponse<String> refused = browser.postForm(Browser.loginFormAction(login.body()),
            Map.of("username", email, "password", "wrong password"));
        assertEquals(200, refused.statusCode(), "Keycloak shows its form again");
        assertTrue(Browser.loginFormAction(refused.body()).contains("/realms/reparse/"));
    }

    @Test
    void realmSetupRestoresAConsoleClientSomeoneBroke() {
        JsonNode clients = admin.get("reparse/clients?clientId=reparse-console");
        ObjectNode client = (ObjectNode) clients.get(0);
        client.put("directAccessGrantsEnabled", false);
        client.put("standardFlowEnabled", false);
        admin.put("reparse/clients/" + client.path("id").asText(), client);
        realmSetup.reconcile();
        JsonNode restored = admin.get("reparse/clients/" + client.path("id").asText());
        assertTrue(restored.path("directAccessGrantsEnabled").asBoolean());
        assertTrue(restored.path("standardFlowEnabled").asBoolean());
        assertTrue(restored.path("publicClient").asBoolean());
        assertEquals("S256", restored.path("attributes").path("pkce.code.challenge.method").asText());
        realmSetup.reconcile();
        assertEquals(restored, admin.get("reparse/clients/" + client.path("id").asText()), "a second run changes nothing");
    }

    /** Starts a console login and signs in on Keycloak's page; Keycloak's redirect to the callback. */
    private HttpResponse<String> loginThroughKeycloak(Browser browser, String email, String password) {
        HttpResponse<String> start = browser.get(publicUrl + "api/v1/oidc/login");
        assertEquals(302, start.statusCode(), start.body());
        String authorize = Browser.location(start);
        assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="), authorize);
        HttpResponse<String> page = browser.get(authorize);
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> redirect = browser.postForm(Browser.loginFormAction(page.body()),
            Map.of("username", email, "password", password, "credentialId", ""));
        assertEquals(302, redirect.statusCode(), redirect.body());
        assertTrue(Browser.location(redirect).contains("/api/v1/oidc/callback?"), Browser.location(redirect));
        return redirect;
    }
}
