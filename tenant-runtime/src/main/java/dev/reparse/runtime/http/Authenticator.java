package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.SettingsSource;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Decides who a request is from its keys. The application ID must match; the master key makes it
 * a master request (so does the previous master key until it expires); otherwise, when the app
 * configured client keys and requires them, one of them must match (the hosted parse.com rule),
 * else the application ID alone is enough (the Parse Server rule). A session token then makes it
 * that user's request, or fails with 209. Settings are read per request, so a rotated key takes
 * effect at once.
 */
final class Authenticator {
    /** Who a session token belongs to; throws 209 when it belongs to nobody. */
    @FunctionalInterface
    interface SessionLookup {
        Auth authenticate(String sessionToken, Optional<String> installationId);
    }

    private final SettingsSource settingsSource;
    private final SessionLookup sessions;
    private final Clock clock;

    Authenticator(SettingsSource settingsSource, SessionLookup sessions, Clock clock) {
        this.settingsSource = settingsSource;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Without users: every session token is invalid. */
    Authenticator(AppSettings settings) {
        this(() -> settings, (token, installationId) -> {
            throw new ParseException(dev.reparse.protocol.ParseErrorCode.INVALID_SESSION_TOKEN,
                    "Invalid session token");
        }, Clock.systemUTC());
    }

    Auth authenticate(ApiRequest.Credentials credentials) {
        AppSettings settings = settingsSource.get();
        Auth auth;
        try {
            auth = authenticate(settings, credentials);
        } catch (ParseException refused) {
            return authenticateWithFresh(settings, credentials, refused);
        }
        boolean masterKeyMissed = credentials.masterKey() != null && !auth.master();
        return masterKeyMissed ? authenticateWithFresh(settings, credentials, auth) : auth;
    }

    /** A key that did not match may be one rotated a moment ago: retried once on settings re-read now. */
    private Auth authenticateWithFresh(AppSettings stale, ApiRequest.Credentials credentials, Auth answer) {
        AppSettings fresh = settingsSource.fresh();
        return fresh == stale ? answer : authenticate(fresh, credentials);
    }

    private Auth authenticateWithFresh(AppSettings stale, ApiRequest.Credentials credentials,
            ParseException refused) {
        AppSettings fresh = settingsSource.fresh();
        if (fresh == stale) {
            throw refused;
        }
        return authenticate(fresh, credentials);
    }

    private Auth authenticate(AppSettings settings, ApiRequest.Credentials credentials) {
        if (!matches(settings.appId(), credentials.appId())) {
            throw ParseException.unauthorized("wrong application ID");
        }
        Optional<String> installationId = Optional.ofNullable(credentials.installationId());
        AppSettings.Keys keys = settings.keys();
        if (matches(keys.masterKey(), credentials.masterKey()) || retiringKeyMatches(settings, credentials.masterKey())) {
            return Auth.ofMaster(false, installationId);
        }
        if (keys.readOnlyMasterKey().isPresent() && matches(keys.readOnlyMasterKey().get(), credentials.masterKey())) {
            return Auth.ofMaster(true, installationId);
        }
        List<String> clientKeys = keys.configuredClientKeys();
        if (settings.clientKeysRequired() && !clientKeys.isEmpty() && !anyClientKeyMatches(keys, credentials)) {
            throw ParseException.unauthorized(refusalReason(credentials));
        }
        if (credentials.sessionToken() != null && !credentials.sessionToken().isEmpty()) {
            return sessions.authenticate(credentials.sessionToken(), installationId);
        }
        return Auth.ofPublic(installationId);
    }

    /** A session token's user, for requests whose keys were not needed (the app's own code). */
    Auth authenticateSession(String sessionToken, Optional<String> installationId) {
        return sessions.authenticate(sessionToken, installationId);
    }

    private boolean retiringKeyMatches(AppSettings settings, String given) {
        return settings.previousMasterKey()
                .filter(previous -> previous.validAt(clock.instant()))
                .map(previous -> matches(previous.key(), given))
                .orElse(false);
    }

    /** What the request log says of a request with neither a master key nor a client key that matches. */
    private static String refusalReason(ApiRequest.Credentials credentials) {
        if (credentials.masterKey() != null) {
            return "wrong master key";
        }
        boolean anyClientKey = credentials.javascriptKey() != null || credentials.restKey() != null
                || credentials.clientKey() != null || credentials.dotnetKey() != null;
        return anyClientKey ? "wrong client key" : "no client key";
    }

    private static boolean anyClientKeyMatches(AppSettings.Keys keys, ApiRequest.Credentials credentials) {
        return keyMatches(keys.javascriptKey(), credentials.javascriptKey())
                || keyMatches(keys.restKey(), credentials.restKey())
                || keyMatches(keys.clientKey(), credentials.clientKey())
                || keyMatches(keys.dotnetKey(), credentials.dotnetKey());
    }

    private static boolean keyMatches(Optional<String> configured, String given) {
        return configured.isPresent() && matches(configured.get(), given);
    }

    /** Constant-time comparison, so response timing tells nothing about a key. */
    private static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
