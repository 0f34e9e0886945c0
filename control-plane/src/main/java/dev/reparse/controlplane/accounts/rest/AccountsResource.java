package dev.reparse.controlplane.accounts.rest;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.accounts.AccountService;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.CallerCredentials;
import dev.reparse.controlplane.accounts.CreatedAccount;
import dev.reparse.controlplane.accounts.Credentials;
import dev.reparse.controlplane.accounts.IssuedSession;
import dev.reparse.controlplane.accounts.SessionCookies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Console accounts: signup, login (a session token and cookie), logout, and the caller's own account. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
final class AccountsResource {
    private final AccountService accounts;
    private final CallerAuthenticator authenticator;
    private final ControlPlaneConfig config;

    AccountsResource(AccountService accounts, CallerAuthenticator authenticator, ControlPlaneConfig config) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.config = config;
    }

    /** Signup body. */
    record SignupRequest(String email, String password) {
    }

    /**
     * An account as its owner sees it; {@code accountKey} only in the answers to signup and key rotation (only its
     * hash is stored, so it cannot be shown again).
     */
    record AccountView(long id, String email, String accountKey, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.id, account.email, null, account.createdAt);
        }

        static AccountView of(CreatedAccount created) {
            Account account = created.account();
            return new AccountView(account.id, account.email, created.accountKey(), account.createdAt);
        }
    }

    /** A new console session. */
    record SessionView(String sessionToken, String email, Instant expiresAt) {
    }

    @POST
    @Path("/accounts")
    @Operation(summary = "Create an account", description = "201 with the account and its account key; 409 when the email is taken.")
    public Uni<Response> signup(SignupRequest body) {
        SignupRequest request = body == null ? new SignupRequest(null, null) : body;
        Credentials credentials = Credentials.forSignup(request.email(), request.password());
        return accounts.signup(credentials)
            .map(account -> Response.status(201).entity(AccountView.of(account)).build());
    }

    @POST
    @Path("/sessions")
    @Operation(summary = "Log in", description = "A console session token, also set as the reparse_session cookie "
        + "(HttpOnly, SameSite=Lax, Secure over HTTPS). 401 code 101 for wrong credentials; 429 code 155 with "
        + "Retry-After after too many failures for this email from this address, or from this address.")
    public Uni<Response> login(SignupRequest body, @Context HttpServerRequest http) {
        SignupRequest request = body == null ? new SignupRequest(null, null) : body;
        boolean secure = SessionCookies.secure(http, config.publicUrl());
        return accounts.login(request.email(), request.password(), CallerHeaders.clientAddress(http))
            .map(session -> sessionResponse(session, secure));
    }

    private static Response sessionResponse(IssuedSession session, boolean secure) {
        int maxAge = (int) Math.min(Integer.MAX_VALUE, Duration.between(Instant.now(), session.expiresAt()).toSeconds());
        NewCookie cookie = SessionCookies.session(session.sessionToken(), maxAge, secure);
        SessionView view = new SessionView(session.sessionToken(), session.account().email, session.expiresAt());
        return Response.status(201).cookie(cookie).entity(view).build();
    }

    @DELETE
    @Path("/sessions/current")
    @Operation(summary = "Log out", description = "Ends the session given as bearer token or cookie.")
    public Uni<Response> logout(@HeaderParam("Authorization") String authorization,
            @CookieParam(CallerCredentials.SESSION_COOKIE) String cookie, @Context HttpServerRequest http) {
        CallerCredentials credentials = CallerCredentials.of(null, null, null, authorization, cookie, null);
        Uni<Void> ended = credentials.sessionToken() == null ? Uni.createFrom().voidItem() : accounts.logout(credentials.sessionToken());
        NewCookie expired = SessionCookies.expired(SessionCookies.secure(http, config.publicUrl()));
        return ended.map(ignored -> Response.noContent().cookie(expired).build());
    }

    @GET
    @Path("/account")
    @Operation(summary = "The calling account", description = "Email and id of the caller (the account key is stored "
        + "hashed and shown only at signup and rotation).")
    public Uni<AccountView> account(@BeanParam CallerHeaders caller) {
        return authenticator.require(caller.credentials()).map(AccountView::of);
    }

    @POST
    @Path("/account/key")
    @Operation(summary = "Replace the account key", description = "201 with the new account key, shown this once; the "
        + "old key stops working at once.")
    public Uni<Response> rotateAccountKey(@BeanParam CallerHeaders caller) {
        return authenticator.require(caller.credentials()).flatMap(accounts::rotateAccountKey)
            .map(created -> Response.status(201).entity(AccountView.of(created)).build());
    }
}
