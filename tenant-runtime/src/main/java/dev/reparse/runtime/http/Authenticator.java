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
 * hosted parse.com rule), else the application ID alone is enough (the Parse Server rule).
 */
final class Authenticator {
    private final AppSettings settings;

    Authenticator(AppSettings settings) {
        this.settings = settings;
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
