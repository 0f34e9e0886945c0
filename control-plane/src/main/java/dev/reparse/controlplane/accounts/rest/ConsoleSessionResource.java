package dev.reparse.controlplane.accounts.rest;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.errors.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the console asks when a page loads: who is signed in, if anyone, and whether single sign-on is offered. It
 * answers 200 either way, so a visitor who is not signed in sees no failed request (a 401 from {@code /account}
 * and a 404 from probing the OIDC login route did, on every load).
 */
@Path("/api/v1/console/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
final class ConsoleSessionResource {
    private final CallerAuthenticator authenticator;
    private final boolean sso;

    ConsoleSessionResource(CallerAuthenticator authenticator, ControlPlaneConfig config) {
        this.authenticator = authenticator;
        this.sso = config.identity().provider() == ControlPlaneConfig.IdentityProviderKind.KEYCLOAK;
    }

    /** The console's session: {@code account} null when nobody is signed in. */
    record ConsoleSession(AccountsResource.AccountView account, boolean sso) {
    }

    @GET
    @Operation(summary = "The console's session", description = "200 with the signed-in account (null when none) and "
        + "whether single sign-on is offered.")
    public Uni<ConsoleSession> session(@BeanParam CallerHeaders caller) {
        return authenticator.require(caller.credentials())
            .map(account -> new ConsoleSession(AccountsResource.AccountView.of(account), sso))
            .onFailure(ApiException.class).recoverWithItem(() -> new ConsoleSession(null, sso));
    }
}
