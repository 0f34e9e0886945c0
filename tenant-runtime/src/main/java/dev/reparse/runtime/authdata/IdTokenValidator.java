package dev.reparse.runtime.authdata;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an OpenID Connect ID token as Parse Server's Google, Apple and Facebook Limited Login
 * adapters do: RS256 signature by one of the provider's published keys, not expired, issued to one of
 * the app's client IDs, by the provider, for the user in {@code authData.id}. Messages are
 * Parse Server's (its JWT library's, for signature, expiry and audience).
 */
final class IdTokenValidator implements ProviderValidator {
    private final Rules rules;
    private final JwksKeys keys;
    private final Clock clock;

    /**
     * What one provider's tokens must satisfy.
     *
     * @param name the provider as named in messages ("Google")
     * @param tokenField the authData field carrying the token ({@code id_token} or {@code token})
     * @param issuers the accepted {@code iss} values
     * @param issuerError the message prefix for a wrong issuer
     * @param audiences the app's client IDs; none means the provider is not configured
     */
    record Rules(String name, String tokenField, Set<String> issuers, String issuerError, List<String> audiences) {
        Rules {
            issuers = Set.copyOf(issuers);
            audiences = List.copyOf(audiences);
        }
    }

    IdTokenValidator(Rules rules, JwksKeys keys, Clock clock) {
        this.rules = rules;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void validate(ProviderAuthData authData) {
        if (rules.audiences().isEmpty()) {
            throw refused(rules.name() + " auth is not configured.");
        }
        String token = authData.text(rules.tokenField())
                .orElseThrow(() -> refused("id token is invalid for this user."));
        JsonWebToken jwt = JsonWebToken.decode(token);
        verifySignature(jwt);
        checkLifetime(jwt);
        checkAudience(jwt);
        Object issuer = jwt.claims().get("iss");
        if (!(issuer instanceof String iss) || !rules.issuers().contains(iss)) {
            throw refused(rules.issuerError() + " | from: " + issuer);
        }
        if (!authData.id().equals(jwt.claims().get("sub"))) {
            throw refused("auth data is invalid for this user.");
        }
    }

    private void verifySignature(JsonWebToken jwt) {
        // the algorithm is pinned: a token may not pick "none" or an HMAC keyed with the public key
        if (!"RS256".equals(jwt.headerText("alg"))) {
            throw refused("invalid algorithm");
        }
        String kid = jwt.headerText("kid");
        RSAPublicKey key = (kid == null ? Optional.<RSAPublicKey>empty() : keys.key(kid))
                .orElseThrow(() -> refused("Unable to find matching key for Key ID: " + kid));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(jwt.signingInput());
            if (!rsa.verify(jwt.signature())) {
                throw refused("invalid signature");
            }
        } catch (GeneralSecurityException e) {
            throw refused("invalid signature");
        }
    }

    private void checkLifetime(JsonWebToken jwt) {
        long now = clock.instant().getEpochSecond();
        if (!(jwt.claims().get("exp") instanceof Number exp) || now >= exp.longValue()) {
            throw refused("jwt expired");
        }
        if (jwt.claims().get("nbf") instanceof Number nbf && now < nbf.longValue()) {
            throw refused("jwt not active");
        }
    }

    private void checkAudience(JsonWebToken jwt) {
        Object aud = jwt.claims().get("aud");
        List<?> audiences = aud instanceof List<?> list ? list : Collections.singletonList(aud);
        if (audiences.stream().noneMatch(rules.audiences()::contains)) {
            throw refused("jwt audience invalid. expected: " + String.join(" or ", rules.audiences()));
        }
    }

    private static ParseException refused(String message) {
        return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, message);
    }
}
