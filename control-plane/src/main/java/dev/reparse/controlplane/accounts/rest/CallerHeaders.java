package dev.reparse.controlplane.accounts.rest;

import dev.reparse.controlplane.accounts.CallerCredentials;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;

/** The request headers and cookie that can carry an account's credentials ({@code @BeanParam}). */
public final class CallerHeaders {
    @HeaderParam("X-Parse-Account-Key")
    public String accountKey;

    @HeaderParam("X-Parse-Email")
    public String email;

    @HeaderParam("X-Parse-Password")
    public String password;

    @HeaderParam("Authorization")
    public String authorization;

    @CookieParam(CallerCredentials.SESSION_COOKIE)
    public String sessionCookie;

    /** The credentials these headers carry. */
    public CallerCredentials credentials() {
        return CallerCredentials.of(accountKey, email, password, authorization, sessionCookie);
    }
}
