package dev.reparse.runtime.authdata;

import dev.reparse.protocol.Json;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A provider's RSA signing key: publishes itself as a JWK and mints RS256 tokens, as Google and Apple do. */
final class SigningKeys {
    private final String kid;
    private final KeyPair pair;

    SigningKeys(String kid) {
        this.kid = kid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String kid() {
        return kid;
    }

    Map<String, Object> jwk() {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("alg", "RS256");
        jwk.put("use", "sig");
        jwk.put("kid", kid);
        jwk.put("n", base64(unsigned(key.getModulus().toByteArray())));
        jwk.put("e", base64(unsigned(key.getPublicExponent().toByteArray())));
        return jwk;
    }

    static Map<String, Object> jwks(SigningKeys... keys) {
        return Map.of("keys", java.util.Arrays.stream(keys).map(SigningKeys::jwk).toList());
    }

    /** A signed token; the header carries this key's ID unless {@code header} says otherwise. */
    String token(Map<String, Object> claims) {
        return token(Map.of("alg", "RS256", "kid", kid, "typ", "JWT"), claims);
    }

    String token(Map<String, Object> header, Map<String, Object> claims) {
        String signingInput = base64(Json.write(header)) + "." + base64(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> claims(String iss, Object aud, String sub, long exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", iss);
        claims.put("aud", aud);
        claims.put("sub", sub);
        claims.put("iat", exp - 3600);
        claims.put("exp", exp);
        return claims;
    }

    static List<Object> list(Object... values) {
        return List.of(values);
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
