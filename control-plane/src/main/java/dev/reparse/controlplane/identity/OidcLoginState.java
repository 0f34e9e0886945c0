package dev.reparse.controlplane.identity;

import dev.reparse.controlplane.RandomKeys;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * A login between {@code /oidc/login} and {@code /oidc/callback}: state (against forged callbacks), nonce (against
 * replayed ID tokens) and the PKCE verifier. Kept in a short-lived HttpOnly cookie of the browser that started the
 * login, so any control-plane replica can finish it and nothing is stored server-side.
 */
record OidcLoginState(String state, String nonce, String codeVerifier) {
    static final String COOKIE = "reparse_oidc";
    private static final String PATH = "/api/v1/oidc";
    private static final int MAX_AGE_SECONDS = 600;

    static OidcLoginState create(RandomKeys keys) {
        // Two keys make an 80-character verifier, inside PKCE's 43 to 128.
        return new OidcLoginState(keys.next(), keys.next(), keys.next() + keys.next());
    }

    /** The state a cookie carries; empty for a missing or malformed one. */
    static Optional<OidcLoginState> parse(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].length() < 43) {
            return Optional.empty();
        }
        return Optional.of(new OidcLoginState(parts[0], parts[1], parts[2]));
    }

    /** S256 code challenge: base64url(SHA-256(verifier)) without padding. */
    String codeChallenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    NewCookie cookie(boolean secure) {
        // Lax: the callback is a top-level GET navigation from Keycloak's site, which Lax still sends the cookie on.
        return new NewCookie.Builder(COOKIE).value(state + "." + nonce + "." + codeVerifier).path(PATH).httpOnly(true)
            .secure(secure).sameSite(NewCookie.SameSite.LAX).maxAge(MAX_AGE_SECONDS).build();
    }

    static NewCookie expiredCookie(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path(PATH).httpOnly(true).secure(secure)
            .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    @Override
    public String toString() {
        return "OidcLoginState[state=" + state + "]";
    }
}
