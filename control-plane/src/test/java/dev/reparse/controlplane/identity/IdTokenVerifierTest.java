package dev.reparse.controlplane.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final String ISSUER = "http://kc.example/realms/reparse";
    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();
    private final IdTokenVerifier verifier = new IdTokenVerifier(new ObjectMapper());
    private final IdTokenVerifier.Expected expected = new IdTokenVerifier.Expected(ISSUER, "reparse-console", "n-1", NOW);

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<PublicKey> keys(String kid) {
        return Map.of("k1", KEYS.getPublic()).entrySet().stream().filter(e -> e.getKey().equals(kid)).map(Map.Entry::getValue)
            .findFirst();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String header, String claims, PrivateKey key) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String claims(String iss, String aud, long exp, String nonce) {
        return "{\"iss\":\"" + iss + "\",\"aud\":" + aud + ",\"exp\":" + exp + ",\"nonce\":\"" + nonce
            + "\",\"email\":\"a@example.com\",\"azp\":\"reparse-console\"}";
    }

    private static String token(String claims) throws Exception {
        return sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", claims, KEYS.getPrivate());
    }

    private final long later = NOW.getEpochSecond() + 300;

    @Test
    void acceptsATokenSignedByTheRealmKeyForThisClientAndLogin() throws Exception {
        var claims = verifier.verify(token(claims(ISSUER, "\"reparse-console\"", later, "n-1")), IdTokenVerifierTest::keys, expected);
        assertEquals("a@example.com", claims.path("email").asText());
        verifier.verify(token(claims(ISSUER, "[\"reparse-console\",\"account\"]", later, "n-1")), IdTokenVerifierTest::keys, expected);
    }

    @Test
    void refusesAnotherIssuerAudienceNonceOrAnExpiredToken() throws Exception {
        assertRefused(token(claims("http://evil.example/realms/reparse", "\"reparse-console\"", later, "n-1")));
        assertRefused(token(claims(ISSUER, "\"other-client\"", later, "n-1")));
        assertRefused(token(claims(ISSUER, "\"reparse-console\"", later, "n-2")));
        assertRefused(token(claims(ISSUER, "\"reparse-console\"", NOW.getEpochSecond() - 60, "n-1")));
    }

    @Test
    void refusesAForeignKeyATamperedPayloadAndUnsignedTokens() throws Exception {
        String good = claims(ISSUER, "\"reparse-console\"", later, "n-1");
        assertRefused(sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", good, OTHER_KEYS.getPrivate()));
        assertRefused(sign("{\"alg\":\"RS256\",\"kid\":\"unknown\"}", good, KEYS.getPrivate()));
        String[] parts = token(good).split("\\.");
        assertRefused(parts[0] + "." + b64(good.replace("a@example.com", "admin@example.com")) + "." + parts[2]);
        assertRefused(b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + b64(good) + ".");
        assertRefused("not-a-jwt");
    }

    private void assertRefused(String token) {
        assertThrows(IdTokenVerifier.InvalidIdTokenException.class, () -> verifier.verify(token, IdTokenVerifierTest::keys, expected));
    }
}
