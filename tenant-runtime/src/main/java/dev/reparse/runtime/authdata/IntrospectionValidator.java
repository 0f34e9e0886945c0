package dev.reparse.runtime.authdata;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any OAuth 2.0 provider with a token introspection endpoint (RFC 7662), as Parse Server's
 * {@code oauth2} adapter: the token must be active, and optionally name the user in
 * {@code authData.id} and have been issued to one of the app's client IDs.
 */
final class IntrospectionValidator implements ProviderValidator {
    private static final String INVALID_ACCESS = "OAuth2 access token is invalid for this user.";
    private static final String INVALID_APP_ID = "OAuth2: the access_token's appID is empty or is not in the list"
            + " of permitted appIDs in the auth configuration.";
    private static final String MISSING_APP_IDS =
            "OAuth2 configuration is missing the client app IDs (\"appIds\" config parameter).";

    private final Settings settings;
    private final ProviderHttp http;

    /**
     * One provider's introspection settings.
     *
     * @param endpoint the introspection endpoint
     * @param authorizationHeader the raw {@code Authorization} header sent to it, if any
     * @param useridField the response field that must equal {@code authData.id}, if any
     * @param appidField the response field holding the token's client, if any
     * @param appIds the accepted clients
     */
    record Settings(URI endpoint, Optional<String> authorizationHeader, Optional<String> useridField,
            Optional<String> appidField, List<String> appIds) {
        Settings {
            appIds = List.copyOf(appIds);
        }
    }

    IntrospectionValidator(Settings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public void validate(ProviderAuthData authData) {
        if (settings.appidField().isPresent() && settings.appIds().isEmpty()) {
            throw refused(MISSING_APP_IDS);
        }
        String token = authData.text("access_token").orElseThrow(() -> refused(INVALID_ACCESS));
        Map<String, Object> introspection = introspect(token);
        if (!Boolean.TRUE.equals(introspection.get("active"))) {
            throw refused(INVALID_ACCESS);
        }
        if (settings.useridField().isPresent() && !authData.id().equals(introspection.get(settings.useridField().get()))) {
            throw refused(INVALID_ACCESS);
        }
        if (settings.appidField().isPresent() && !issuedToThisApp(introspection.get(settings.appidField().get()))) {
            throw refused(INVALID_APP_ID);
        }
    }

    private Map<String, Object> introspect(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(Map.of("token", token))));
        settings.authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        return http.json(request).orElseThrow(() -> refused(INVALID_ACCESS));
    }

    /** The client field may hold one ID or, as an {@code aud}, a list of them. */
    private boolean issuedToThisApp(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(settings.appIds()::contains);
        }
        return value instanceof String id && settings.appIds().contains(id);
    }

    private static ParseException refused(String message) {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, message);
    }
}
