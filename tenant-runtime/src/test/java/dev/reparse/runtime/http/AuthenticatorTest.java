package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.Auth;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final AppSettings.Keys NO_CLIENT_KEYS = AppSettings.Keys.masterOnly("master");
    private static final AppSettings.Keys WITH_CLIENT_KEYS = new AppSettings.Keys("master", Optional.of("readonly"),
            Optional.of("js"), Optional.of("rest"), Optional.empty(), Optional.empty());

    private static Authenticator authenticator(AppSettings.Keys keys) {
        return new Authenticator(new AppSettings("app", keys, AppSettings.Limits.defaults(), false));
    }

    private static ApiRequest.Credentials credentials(String appId, String masterKey, String jsKey, String restKey) {
        return new ApiRequest.Credentials(appId, masterKey, jsKey, restKey, null, null, null, "inst-1");
    }

    @Test
    void refusesWrongApplicationIdWithBareUnauthorized() {
        ParseException error = assertThrows(ParseException.class,
                () -> authenticator(NO_CLIENT_KEYS).authenticate(credentials("other", "master", null, null)));
        assertEquals(403, error.httpStatus());
        assertEquals("{error=unauthorized}", error.toBody().toString());
    }

    @Test
    void refusesMissingApplicationId() {
        assertThrows(ParseException.class,
                () -> authenticator(NO_CLIENT_KEYS).authenticate(credentials(null, null, null, null)));
    }

    @Test
    void masterKeyMakesAMasterRequest() {
        Auth auth = authenticator(WITH_CLIENT_KEYS).authenticate(credentials("app", "master", null, null));
        assertTrue(auth.master());
        assertFalse(auth.readOnly());
        assertEquals(Optional.of("inst-1"), auth.installationId());
    }

    @Test
    void readOnlyMasterKeyMakesAReadOnlyMasterRequest() {
        Auth auth = authenticator(WITH_CLIENT_KEYS).authenticate(credentials("app", "readonly", null, null));
        assertTrue(auth.master());
        assertTrue(auth.readOnly());
    }

    @Test
    void applicationIdAloneIsEnoughWhenNoClientKeyIsConfigured() {
        Auth auth = authenticator(NO_CLIENT_KEYS).authenticate(credentials("app", null, null, null));
        assertFalse(auth.master());
    }

    @Test
    void wrongMasterKeyIsNotMaster() {
        Auth auth = authenticator(NO_CLIENT_KEYS).authenticate(credentials("app", "guess", null, null));
        assertFalse(auth.master());
    }

    @Test
    void configuredClientKeysAreRequired() {
        ParseException error = assertThrows(ParseException.class,
                () -> authenticator(WITH_CLIENT_KEYS).authenticate(credentials("app", null, null, null)));
        assertEquals(403, error.httpStatus());
    }

    @Test
    void anyConfiguredClientKeyIsAccepted() {
        assertFalse(authenticator(WITH_CLIENT_KEYS).authenticate(credentials("app", null, "js", null)).master());
        assertFalse(authenticator(WITH_CLIENT_KEYS).authenticate(credentials("app", null, null, "rest")).master());
    }

    @Test
    void aClientKeyOfTheWrongKindDoesNotCount() {
        assertThrows(ParseException.class,
                () -> authenticator(WITH_CLIENT_KEYS).authenticate(credentials("app", null, "rest", null)));
    }
}
