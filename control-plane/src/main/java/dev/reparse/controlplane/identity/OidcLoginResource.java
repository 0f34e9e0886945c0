package dev.reparse.controlplane.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.RandomKeys;
import dev.reparse.controlplane.accounts.AccountService;
import dev.reparse.controlplane.accounts.IssuedSession;
import dev.reparse.controlplane.accounts.SessionCookies;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's browser login with Keycloak: authorization code with PKCE, then the control plane's own console
 * session, as after a password login. Answers 404 unless {@code reparse.identity.provider=keycloak}.
 */
@Path("/api/v1/oidc")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
final class OidcLoginResource {
    private final KeycloakConnection keycloak;
    private final KeycloakOidc oidc;
    private final AccountService accounts;
    private final RandomKeys keys;
    private final IdTokenVerifier verifier;
    private final Clock clock;

    OidcLoginResource(KeycloakConnection keycloak, KeycloakOidc oidc, AccountService accounts, RandomKeys keys,
            ObjectMapper json, Clock clock) {
        this.keycloak = keycloak;
        this.oidc = oidc;
        this.accounts = accounts;
        this.keys = keys;
        this.verifier = new IdTokenVerifier(json);
        this.clock = clock;
    }

    @GET
    @Path("/login")
    @Blocking
    @Operation(summary = "Start a console login", description = "302 to Keycloak's login page; it comes back to /callback.")
    public Response login() {
        requireKeycloak();
        OidcLoginState pending = OidcLoginState.create(keys);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", keycloak.settings().consoleClientId());
        query.put("redirect_uri", keycloak.callbackUri().toString());
        query.put("scope", "openid email");
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", pending.codeChallenge());
        query.put("code_challenge_method", "S256");
        URI authorize = URI.create(oidc.discovery().path("authorization_endpoint").asText() + "?" + form(query));
        return Response.status(302).location(authorize).cookie(pending.cookie(secureCookies())).build();
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Finish a console login", description = "Sets the console session cookie and goes to the console.")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @CookieParam(OidcLoginState.COOKIE) String cookie) {
        requireKeycloak();
        if (error != null) {
            throw refused("Keycloak answered " + error);
        }
        OidcLoginState pending = OidcLoginState.parse(cookie)
            .filter(p -> p.state().equals(state))
            .orElseThrow(() -> ApiException.invalid(ParseErrorCode.OTHER_CAUSE,
                "This login was not started here or has expired; start again at /api/v1/oidc/login."));
        if (code == null || code.isBlank()) {
            throw ApiException.invalid(ParseErrorCode.OTHER_CAUSE, "code is required.");
        }
        return VertxContextSupport.executeBlocking(() -> verifiedEmail(code, pending))
            .onFailure(KeycloakOidc.GrantRefusedException.class).transform(e -> refused(e.getMessage()))
            .onFailure(IdTokenVerifier.InvalidIdTokenException.class).transform(e -> refused("ID token " + e.getMessage()))
            .flatMap(accounts::sessionForVerifiedEmail)
            .map(this::enterConsole);
    }

    private String verifiedEmail(String code, OidcLoginState pending) {
        KeycloakOidc.Tokens tokens = oidc.exchangeCode(code, pending.codeVerifier());
        var expected = new IdTokenVerifier.Expected(oidc.discovery().path("issuer").asText(),
            keycloak.settings().consoleClientId(), pending.nonce(), clock.instant());
        JsonNode claims = verifier.verify(tokens.idToken(), oidc::signingKey, expected);
        String email = claims.path("email").asText("").trim().toLowerCase(Locale.ROOT);
        // An unverified email could be anyone's: it must not open the account that owns that address.
        if (email.isEmpty() || !claims.path("email_verified").asBoolean(false)) {
            throw refused("the identity provider has no verified email for this user");
        }
        if (tokens.refreshToken() != null) {
            oidc.revoke(tokens.refreshToken());
        }
        return email;
    }

    private Response enterConsole(IssuedSession session) {
        int maxAge = (int) Math.min(Integer.MAX_VALUE, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
        NewCookie sessionCookie = SessionCookies.session(session.sessionToken(), maxAge, secureCookies());
        return Response.seeOther(keycloak.consoleHome())
            .cookie(sessionCookie, OidcLoginState.expiredCookie(secureCookies())).build();
    }

    /** The console is served where reparse.public-url says; over HTTPS its cookies are Secure. */
    private boolean secureCookies() {
        return SessionCookies.secure(null, keycloak.consoleHome().toString());
    }

    private void requireKeycloak() {
        if (!keycloak.enabled()) {
            throw new ApiException(404, ParseErrorCode.INVALID_QUERY, "Not found.");
        }
    }

    private static ApiException refused(String why) {
        return new ApiException(401, ParseErrorCode.OPERATION_FORBIDDEN, "Login refused: " + why + ".");
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }
}
