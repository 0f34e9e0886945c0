package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.controlplane.TestAccounts.TestAccount;
import dev.reparse.controlplane.secrets.KeySealing;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** App keys are sealed in PostgreSQL, answered open by the API, and keys stored in the clear get sealed at start. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AppKeysAtRestIT {
    private static final Map<String, String> COLUMNS = Map.of("master_key", "masterKey", "client_key", "clientKey",
        "javascript_key", "javascriptKey", "rest_key", "restKey", "windows_key", "windowsKey", "webhook_key", "webhookKey");

    @Inject
    DataSource database;

    @Inject
    KeySealing sealing;

    private static JsonPath create(TestAccount account) {
        return given().contentType("application/json").header("X-Parse-Email", account.email())
            .header("X-Parse-Password", account.password()).body("{\"appName\":\"sealed keys\"}")
            .post("/1/apps").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath get(TestAccount account, String applicationId) {
        return given().header("X-Parse-Email", account.email()).header("X-Parse-Password", account.password())
            .get("/1/apps/" + applicationId).then().statusCode(200).extract().jsonPath();
    }

    private Map<String, String> stored(String applicationId) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "select " + String.join(", ", COLUMNS.keySet()) + " from app where application_id = ?")) {
            s.setString(1, applicationId);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next());
                for (String column : COLUMNS.keySet()) {
                    values.put(column, rows.getString(column));
                }
            }
        }
        return values;
    }

    @Test
    void keysAreSealedInTheDatabaseAndOpenInTheApi() throws Exception {
        TestAccount account = TestAccounts.signup();
        JsonPath created = create(account);
        String id = created.getString("applicationId");
        Map<String, String> stored = stored(id);
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            String key = created.getString(column.getValue());
            String value = stored.get(column.getKey());
            assertTrue(value.startsWith("sealed:v1:"), column.getKey() + " is stored as " + value);
            assertFalse(value.contains(key), column.getKey() + " holds its key in the clear");
            assertEquals(key, get(account, id).getString(column.getValue()));
        }
    }

    @Test
    void keysStoredInTheClearBeforeSealingAreSealedAtStartAndKeepWorking() throws Exception {
        TestAccount account = TestAccounts.signup();
        JsonPath created = create(account);
        String id = created.getString("applicationId");
        String masterKey = created.getString("masterKey");
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("update app set master_key = ? where application_id = ?")) {
            s.setString(1, masterKey);
            s.setString(2, id);
            assertEquals(1, s.executeUpdate());
        }
        assertEquals(masterKey, get(account, id).getString("masterKey"), "a clear key from before sealing reads as it is");
        sealing.sealClearKeys(null);
        assertTrue(stored(id).get("master_key").startsWith("sealed:v1:"));
        assertEquals(masterKey, get(account, id).getString("masterKey"));
    }
}
