package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthenticatorKeyPolicyTest {
    private static final AppSettings.Keys KEYS = new AppSettings.Keys("master", Optional.empty(), Optional.of("js"),
            Optional.empty(), Optional.empty(), Optional.empty());
    private static final Authenticator.SessionLookup NO_SESSIONS = (token, installationId) -> {
        throw new AssertionError("no session token is sent in these tests");
    };
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private static AppSettings settings(boolean clientKeysRequired, Optional<AppSettings.RetiringKey> previous) {
        AppSettings.Keys keys = new AppSettings.Keys(KEYS.masterKey(), KEYS.readOnlyMasterKey(), KEYS.javascriptKey(),
                KEYS.restKey(), KEYS.clientKey(), KEYS.dotnetKey(), previous);
        return new AppSettings("app", keys, AppSettings.Limits.defaults(),
                new AppSettings.Access(false, clientKeysRequired, true), AppSettings.Sessions.defaults());
    }

    private static ApiRequest.Credentials credentials(String masterKey, String jsKey) {
        return new ApiRequest.Credentials("app", masterKey, jsKey, null, null, null, null, null);
    }

    @Test
    void applicationIdAloneIsEnoughWhenClientKeysAreNotRequired() {
        Authenticator authenticator = new Authenticator(() -> settings(false, Optional.empty()), NO_SESSIONS,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertFalse(authenticator.authenticate(credentials(null, null)).master());
    }

    @Test
    void requiredClientKeysRefuseTheApplicationIdAlone() {
        Authenticator authenticator = new Authenticator(() -> settings(true, Optional.empty()), NO_SESSIONS,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(ParseException.class, () -> authenticator.authenticate(credentials(null, null)));
    }

    @Test
    void previousMasterKeyWorksUntilItExpires() {
        Optional<AppSettings.RetiringKey> previous = Optional.of(new AppSettings.RetiringKey("old", NOW.plusSeconds(60)));
        Authenticator before = new Authenticator(() -> settings(true, previous), NO_SESSIONS, Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(before.authenticate(credentials("old", null)).master());
        Authenticator after = new Authenticator(() -> settings(true, previous), NO_SESSIONS,
                Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThrows(ParseException.class, () -> after.authenticate(credentials("old", null)));
    }

    @Test
    void readsTheSettingsOfEachRequestSoARotationTakesEffectAtOnce() {
        AtomicReference<AppSettings> current = new AtomicReference<>(settings(true, Optional.empty()));
        Authenticator authenticator = new Authenticator(current::get, NO_SESSIONS, Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(authenticator.authenticate(credentials("master", null)).master());
        current.set(new AppSettings("app", new AppSettings.Keys("rotated", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), AppSettings.Limits.defaults(), false));
        assertFalse(authenticator.authenticate(credentials("master", null)).master());
        assertTrue(authenticator.authenticate(credentials("rotated", null)).master());
    }

    @Test
    void aKeyRotatedSinceTheLastPollIsAcceptedByReReadingTheSettingsAtOnce() {
        AppSettings before = settings(true, Optional.empty());
        AppSettings after = new AppSettings("app", new AppSettings.Keys("rotated", Optional.empty(), Optional.of("js"),
                Optional.empty(), Optional.empty(), Optional.empty()), AppSettings.Limits.defaults(), false);
        dev.reparse.runtime.core.SettingsSource polledLate = new dev.reparse.runtime.core.SettingsSource() {
            @Override
            public AppSettings get() {
                return before;
            }

            @Override
            public AppSettings fresh() {
                return after;
            }
        };
        Authenticator authenticator = new Authenticator(polledLate, NO_SESSIONS, Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(authenticator.authenticate(credentials("rotated", null)).master(), "without a client key");
        assertTrue(authenticator.authenticate(credentials("rotated", "js")).master(), "beside a client key");
        assertThrows(ParseException.class, () -> authenticator.authenticate(credentials("wrong", null)));
    }
}
