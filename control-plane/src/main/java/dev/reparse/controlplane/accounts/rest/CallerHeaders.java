package dev.reparse.controlplane.accounts.rest;

import dev.reparse.controlplane.accounts.CallerCredentials;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;

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

    @Context
    public HttpServerRequest request;

    /** The credentials these headers carry. */
    public CallerCredentials credentials() {
        return CallerCredentials.of(accountKey, email, password, authorization, sessionCookie, clientAddress(request));
    }

    /** The client's address as the HTTP layer resolved it (forwarded headers only when quarkus.http.proxy allows). */
    public static String clientAddress(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return null;
        }
        String host = request.remoteAddress().hostAddress();
        return host == null ? request.remoteAddress().host() : host;
    }
}
