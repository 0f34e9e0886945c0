package dev.reparse.controlplane.accounts.rest;

import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.accounts.AccountService;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.CallerCredentials;
import dev.reparse.controlplane.accounts.Credentials;
import dev.reparse.controlplane.accounts.IssuedSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    AccountsResource(AccountService accounts, CallerAuthenticator authenticator) {
        this.accounts = accounts;
        this.authenticator = authenticator;
    }

    /** Signup body. */
    record SignupRequest(String email, String password) {
    }

    /** An account as its owner sees it. */
    record AccountView(long id, String email, String accountKey, Instant createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.id, account.email, account.accountKey, account.createdAt);
        }
    }

    /** A new console session. */
    record SessionView(String sessionToken, String email, String accountKey, Instant expiresAt) {
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
    @Operation(summary = "Log in", description = "A console session token, also set as the reparse_session cookie.")
    public Uni<Response> login(SignupRequest body) {
        SignupRequest request = body == null ? new SignupRequest(null, null) : body;
        return accounts.login(request.email(), request.password()).map(AccountsResource::sessionResponse);
    }

    private static Response sessionResponse(IssuedSession session) {
        int maxAge = (int) Math.min(Integer.MAX_VALUE, Duration.between(Instant.now(), session.expiresAt()).toSeconds());
        NewCookie cookie = new NewCookie.Builder(CallerCredentials.SESSION_COOKIE).value(session.sessionToken()).path("/")
            .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
        SessionView view = new SessionView(session.sessionToken(), session.account().email, session.account().accountKey,
            session.expiresAt());
        return Response.status(201).cookie(cookie).entity(view).build();
    }

    @DELETE
    @Path("/sessions/current")
    @Operation(summary = "Log out", description = "Ends the session given as bearer token or cookie.")
    public Uni<Response> logout(@HeaderParam("Authorization") String authorization,
            @CookieParam(CallerCredentials.SESSION_COOKIE) String cookie) {
        CallerCredentials credentials = CallerCredentials.of(null, null, null, authorization, cookie);
        Uni<Void> ended = credentials.sessionToken() == null ? Uni.createFrom().voidItem() : accounts.logout(credentials.sessionToken());
        NewCookie expired = new NewCookie.Builder(CallerCredentials.SESSION_COOKIE).value("").path("/").maxAge(0).build();
        return ended.map(ignored -> Response.noContent().cookie(expired).build());
    }

    @GET
    @Path("/account")
    @Operation(summary = "The calling account", description = "Email and account key of the caller.")
    public Uni<AccountView> account(@BeanParam CallerHeaders caller) {
        return authenticator.require(caller.credentials()).map(AccountView::of);
    }
}
