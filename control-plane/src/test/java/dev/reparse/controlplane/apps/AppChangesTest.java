package dev.reparse.controlplane.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.errors.ApiException;
import org.junit.jupiter.api.Test;

class AppChangesTest {
    private final ObjectMapper json = new ObjectMapper();

    private AppChanges parse(String body, boolean creating) throws Exception {
        return AppChanges.fromJson(json.readTree(body), creating);
    }

    @Test
    void createRequiresAnAppName() {
        ApiException e = assertThrows(ApiException.class, () -> parse("{\"clientPushEnabled\":true}", true));
        assertEquals(142, e.code());
    }

    @Test
    void flagsMustBeBooleans() {
        ApiException e = assertThrows(ApiException.class, () -> parse("{\"clientPushEnabled\":1}", false));
        assertEquals(111, e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void readOnlyFieldsEchoedBackAreIgnored() throws Exception {
        App app = new App();
        app.name = "Same";
        app.masterKey = "kept";
        assertFalse(parse("{\"appName\":\"Same\",\"masterKey\":\"other\",\"applicationId\":\"x\"}", false).applyTo(app));
        assertEquals("kept", app.masterKey);
    }

    @Test
    void applyingReportsWhetherAnythingChanged() throws Exception {
        App app = new App();
        app.name = "Old";
        assertTrue(parse("{\"clientClassCreationEnabled\":true}", false).applyTo(app));
        assertTrue(app.clientClassCreationEnabled);
        assertFalse(parse("{\"clientClassCreationEnabled\":true}", false).applyTo(app));
    }

    @Test
    void theOperatorDecidesWhichFieldsAnAccountMayChange() throws Exception {
        AppPolicy policy = new AppPolicy(30, java.util.Optional.of(java.util.Set.of("clientKeysRequired")));
        App app = new App();
        app.name = "A";
        app.requestsPerSecond = 30;
        // the app sent back as it was answered: its current values are no change
        assertFalse(AppChanges.fromJson(json.readTree("{\"requestsPerSecond\":30,\"verifyUserEmails\":false}"), false,
            policy).applyTo(app));
        ApiException e = assertThrows(ApiException.class,
            () -> AppChanges.fromJson(json.readTree("{\"requestsPerSecond\":5}"), false, policy).applyTo(app));
        assertEquals(403, e.httpStatus());
        assertEquals("requestsPerSecond is set by the platform's operator and cannot be changed by an account on this "
            + "platform.", e.getMessage());
        assertTrue(AppChanges.fromJson(json.readTree("{\"appName\":\"a\",\"clientKeysRequired\":false}"), true, policy)
            .clientKeysRequired().isPresent());
    }
}
