package dev.reparse.controlplane.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The console realm's OIDC endpoints over plain HTTP (blocking; callers run it off the event loop): the password
 * grant, the authorization-code exchange, revocation, the discovery document and the signing keys.
 */
@Singleton
final class KeycloakOidc {
    private static final Logger LOG = Logger.getLogger(KeycloakOidc.class);
    private final KeycloakConnection keycloak;
    private final ObjectMapper json;
    private volatile JsonNode discovery;
    private volatile Map<String, PublicKey> signingKeys = Map.of();

    KeycloakOidc(KeycloakConnection keycloak, ObjectMapper json) {
        this.keycloak = keycloak;
        this.json = json;
    }

    /** Tokens from the token endpoint. */
    record Tokens(String idToken, String refreshToken) {
    }

    /** The grant the token endpoint refused as the user's fault (wrong password, disabled account...). */
    static final class GrantRefusedException extends RuntimeException {
        GrantRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Resource-owner password grant; empty when Keycloak refuses the credentials. */
    Optional<Tokens> passwordGrant(String username, String password) {
        try {
            return Optional.of(token(Map.of("grant_type", "password", "username", username, "password", password,
                "scope", "openid")));
        } catch (GrantRefusedException e) {
            return Optional.empty();
        }
    }

    /** Exchanges an authorization code (PKCE) for tokens; fails with {@link GrantRefusedException} for a bad code. */
    Tokens exchangeCode(String code, String codeVerifier) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", codeVerifier,
            "redirect_uri", keycloak.callbackUri().toString()));
    }

    /** Ends the Keycloak session a password check opened, so checks do not pile up sessions; best effort. */
    void revoke(String refreshToken) {
        try {
            HttpResponse<String> answer = post(keycloak.realmEndpoint("protocol/openid-connect/revoke"),
                Map.of("token", refreshToken, "token_type_hint", "refresh_token"));
            if (answer.statusCode() != 200) {
                LOG.debugf("Keycloak did not revoke a refresh token: HTTP %d", answer.statusCode());
            }
        } catch (RuntimeException e) {
            LOG.debug("revoking a refresh token failed", e);
        }
    }

    private Tokens token(Map<String, String> grant) {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.put("client_id", keycloak.settings().consoleClientId());
        HttpResponse<String> answer = post(keycloak.realmEndpoint("protocol/openid-connect/token"), form);
        JsonNode body = parse(answer.body());
        if (answer.statusCode() == 200) {
            return new Tokens(body.path("id_token").asText(null), body.path("refresh_token").asText(null));
        }
        String error = body.path("error").asText("");
        // 401 for bad credentials; 400 for a disabled or unfinished account and for a bad or replayed code.
        if ((answer.statusCode() == 401 || answer.statusCode() == 400) && "invalid_grant".equals(error)) {
            if (answer.statusCode() == 400) {
                LOG.infof("Keycloak refused a grant: %s", body.path("error_description").asText(""));
            }
            throw new GrantRefusedException(body.path("error_description").asText("invalid_grant"));
        }
        throw new IllegalStateException("Keycloak token endpoint answered HTTP " + answer.statusCode() + " " + error);
    }

    /** The realm's discovery document (issuer, authorization endpoint), fetched once. */
    JsonNode discovery() {
        JsonNode known = discovery;
        if (known == null) {
            known = getJson(keycloak.realmEndpoint(".well-known/openid-configuration"));
            discovery = known;
        }
        return known;
    }

    /** The realm's signing key with that id; the key set is fetched again once when the id is new (key rotation). */
    Optional<PublicKey> signingKey(String kid) {
        PublicKey key = signingKeys.get(kid);
        if (key == null) {
            signingKeys = Jwks.rsaKeys(getJson(keycloak.realmEndpoint("protocol/openid-connect/certs")));
            key = signingKeys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    private JsonNode getJson(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(keycloak.timeout()).GET().build();
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Keycloak answered HTTP " + answer.statusCode() + " for " + uri);
        }
        return parse(answer.body());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(keycloak.timeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return keycloak.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak unreachable at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Keycloak", e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak answered something other than JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
