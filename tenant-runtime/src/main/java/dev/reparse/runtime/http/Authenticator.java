package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.Auth;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decides who a request is from its keys. The application ID must match; the master key makes it
 * a master request; otherwise, when the app configured client keys, one of them must match (the
 * hosted parse.com rule), else the application ID alone is enough (the Parse Server rule). A
 * session token then makes it that user's request, or fails with 209.
 */
final class Authenticator {
    /** Who a session token belongs to; throws 209 when it belongs to nobody. */
    @FunctionalInterface
    interface SessionLookup {
        Auth authenticate(String sessionToken, Optional<String> installationId);
    }

    private final AppSettings settings;
    private final SessionLookup sessions;

    Authenticator(AppSettings settings, SessionLookup sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    /** Without users: every session token is invalid. */
    Authenticator(AppSettings settings) {
        this(settings, (token, installationId) -> {
            throw new ParseException(dev.reparse.protocol.ParseErrorCode.INVALID_SESSION_TOKEN,
                    "Invalid session token");
        });
    }

    Auth authenticate(ApiRequest.Credentials credentials) {
        if (!matches(settings.appId(), credentials.appId())) {
            throw ParseException.unauthorized();
        }
        Optional<String> installationId = Optional.ofNullable(credentials.installationId());
        AppSettings.Keys keys = settings.keys();
        if (matches(keys.masterKey(), credentials.masterKey())) {
            return Auth.ofMaster(false, installationId);
        }
        if (keys.readOnlyMasterKey().isPresent() && matches(keys.readOnlyMasterKey().get(), credentials.masterKey())) {
            return Auth.ofMaster(true, installationId);
        }
        List<String> clientKeys = keys.configuredClientKeys();
        if (!clientKeys.isEmpty() && !anyClientKeyMatches(keys, credentials)) {
            throw ParseException.unauthorized();
        }
        if (credentials.sessionToken() != null && !credentials.sessionToken().isEmpty()) {
            return sessions.authenticate(credentials.sessionToken(), installationId);
        }
        return Auth.ofPublic(installationId);
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
