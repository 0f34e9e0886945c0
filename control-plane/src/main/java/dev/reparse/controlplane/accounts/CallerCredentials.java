package dev.reparse.controlplane.accounts;

/**
 * What a request offered to prove its account: parse.com's {@code X-Parse-Account-Key}, or
 * {@code X-Parse-Email} + {@code X-Parse-Password}, or a console session token (bearer or cookie). Any may be null.
 * {@code address} is the client's address (behind a proxy, as {@code quarkus.http.proxy.*} resolves it), which failed
 * attempts are counted against.
 */
public record CallerCredentials(String accountKey, String email, String password, String sessionToken,
        String address) {

    /** The console session cookie's name. */
    public static final String SESSION_COOKIE = "reparse_session";

    /** Takes the session token from an {@code Authorization: Bearer} header or the session cookie. */
    public static CallerCredentials of(String accountKey, String email, String password, String authorization,
            String cookie, String address) {
        String token = cookie;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        return new CallerCredentials(blankToNull(accountKey), blankToNull(email), password, blankToNull(token),
            address == null ? "unknown" : address);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "CallerCredentials[email=" + email + "]";
    }
}
