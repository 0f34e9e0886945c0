package dev.reparse.controlplane.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks an OIDC ID token as OpenID Connect Core 3.1.3.7 asks: an RS256 signature by one of the issuer's keys, the
 * issuer, this client in the audience, not expired, and the nonce of the login that asked for it.
 */
final class IdTokenVerifier {
    // Keycloak's and the control plane's clocks may disagree a little.
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private final ObjectMapper json;

    IdTokenVerifier(ObjectMapper json) {
        this.json = json;
    }

    /** What the token must say. */
    record Expected(String issuer, String audience, String nonce, Instant now) {
    }

    /** Why a token was refused. */
    static final class InvalidIdTokenException extends RuntimeException {
        InvalidIdTokenException(String message) {
            super(message, null, false, false);
        }
    }

    /** The token's claims once every check passed; {@link InvalidIdTokenException} otherwise. */
    JsonNode verify(String token, Function<String, Optional<PublicKey>> keys, Expected expected) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidIdTokenException("not a signed JWT");
        }
        JsonNode header = decode(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new InvalidIdTokenException("unexpected signature algorithm " + header.path("alg").asText());
        }
        PublicKey key = keys.apply(header.path("kid").asText(""))
            .orElseThrow(() -> new InvalidIdTokenException("signed with an unknown key"));
        checkSignature(parts, key);
        JsonNode claims = decode(parts[1]);
        checkClaims(claims, expected);
        return claims;
    }

    private static void checkSignature(String[] parts, PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new InvalidIdTokenException("bad signature");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidIdTokenException("bad signature");
        }
    }

    private static void checkClaims(JsonNode claims, Expected expected) {
        if (!expected.issuer().equals(claims.path("iss").asText())) {
            throw new InvalidIdTokenException("issued by " + claims.path("iss").asText() + ", not " + expected.issuer());
        }
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isArray() ? contains(aud, expected.audience()) : expected.audience().equals(aud.asText());
        if (!forUs || aud.isArray() && aud.size() > 1 && !expected.audience().equals(claims.path("azp").asText())) {
            throw new InvalidIdTokenException("not issued for " + expected.audience());
        }
        if (!claims.path("exp").canConvertToLong()
            || Instant.ofEpochSecond(claims.path("exp").asLong()).plus(CLOCK_SKEW).isBefore(expected.now())) {
            throw new InvalidIdTokenException("expired");
        }
        if (!expected.nonce().equals(claims.path("nonce").asText())) {
            throw new InvalidIdTokenException("nonce does not match this login");
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode decode(String part) {
        try {
            return json.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidIdTokenException("unreadable JWT part");
        }
    }
}
