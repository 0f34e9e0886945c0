package dev.reparse.controlplane.accounts;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.NewCookie;

/**
 * The console session cookie: HttpOnly, SameSite=Lax (sent on top-level navigations to the console, not on other
 * sites' requests), and Secure whenever the console is served over HTTPS, as the request (behind a proxy, its
 * {@code X-Forwarded-Proto} when {@code quarkus.http.proxy.*} trusts it) or {@code reparse.public-url} says.
 */
public final class SessionCookies {
    private SessionCookies() {
    }

    /** Whether cookies set in answer to this request must be Secure. */
    public static boolean secure(HttpServerRequest request, String publicUrl) {
        boolean https = request != null && (request.isSSL() || "https".equalsIgnoreCase(request.scheme()));
        return https || publicUrl.regionMatches(true, 0, "https:", 0, 6);
    }

    /** The cookie that carries a new session token. */
    public static NewCookie session(String token, int maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(CallerCredentials.SESSION_COOKIE).value(token).path("/").httpOnly(true)
            .secure(secure).sameSite(NewCookie.SameSite.LAX).maxAge(maxAgeSeconds).build();
    }

    /** The same cookie, emptied and expired (logout). */
    public static NewCookie expired(boolean secure) {
        return session("", 0, secure);
    }
}
