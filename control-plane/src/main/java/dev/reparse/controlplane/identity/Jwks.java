package dev.reparse.controlplane.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Reads a JSON Web Key Set: the RSA signing keys by key id (Keycloak signs ID tokens with RS256 by default). */
final class Jwks {
    private Jwks() {
    }

    static Map<String, PublicKey> rsaKeys(JsonNode set) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode key : set.path("keys")) {
            boolean signing = key.path("use").isMissingNode() || "sig".equals(key.path("use").asText());
            if ("RSA".equals(key.path("kty").asText()) && signing && key.hasNonNull("kid")) {
                keys.put(key.get("kid").asText(), rsa(key.path("n").asText(), key.path("e").asText()));
            }
        }
        return Map.copyOf(keys);
    }

    private static PublicKey rsa(String modulus, String exponent) {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, decoder.decode(modulus)), new BigInteger(1, decoder.decode(exponent))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable RSA key in the JWKS", e);
        }
    }
}
