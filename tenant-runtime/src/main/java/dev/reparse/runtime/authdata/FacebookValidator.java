package dev.reparse.runtime.authdata;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Facebook Login. A Graph API access token must be minted for one of the app's Facebook apps
 * ({@code GET /app}) and belong to the user in {@code authData.id} ({@code GET /me}), as Parse Server
 * checks; a Limited Login token ({@code authData.token}, a JWT) is verified like an ID token.
 */
final class FacebookValidator implements ProviderValidator {
    private static final String INVALID = "Facebook auth is invalid for this user.";

    private final String graphUrl;
    private final List<String> appIds;
    private final Optional<String> appSecret;
    private final ProviderHttp http;
    private final IdTokenValidator limitedLogin;

    FacebookValidator(String graphUrl, List<String> appIds, Optional<String> appSecret, ProviderHttp http,
            IdTokenValidator limitedLogin) {
        this.graphUrl = graphUrl;
        this.appIds = List.copyOf(appIds);
        this.appSecret = appSecret;
        this.http = http;
        this.limitedLogin = limitedLogin;
    }

    @Override
    public void validate(ProviderAuthData authData) {
        if (authData.text("token").isPresent()) {
            limitedLogin.validate(authData);
            return;
        }
        if (appIds.isEmpty()) {
            throw refused("Facebook auth is not configured.");
        }
        String accessToken = authData.text("access_token").orElseThrow(() -> refused(INVALID));
        // a token minted for another Facebook app is refused before the user is looked at
        Map<String, Object> app = graph("app", Map.of(), accessToken);
        if (!appIds.contains(app.get("id"))) {
            throw refused(INVALID);
        }
        Map<String, Object> me = graph("me", Map.of("fields", "id"), accessToken);
        if (!authData.id().equals(me.get("id"))) {
            throw refused(INVALID);
        }
    }

    private Map<String, Object> graph(String path, Map<String, String> parameters, String accessToken) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        query.put("access_token", accessToken);
        appSecret.ifPresent(secret -> query.put("appsecret_proof", proof(secret, accessToken)));
        HttpRequest.Builder request = HttpRequest.newBuilder(Endpoints.resolve(graphUrl, path, query)).GET();
        return http.json(request).orElseThrow(() -> refused(INVALID));
    }

    /** Graph's {@code appsecret_proof}: HMAC-SHA256 of the access token keyed with the app secret, in hex. */
    static String proof(String appSecret, String accessToken) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ParseException refused(String message) {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, message);
    }
}
