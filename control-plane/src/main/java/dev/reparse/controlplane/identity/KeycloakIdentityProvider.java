package dev.reparse.controlplane.identity;

import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Credentials in a Keycloak realm: signup creates the user through the Admin Client, a password check is the
 * console client's password grant. Console logins in a browser go through OIDC instead ({@link OidcLoginResource}).
 */
final class KeycloakIdentityProvider implements IdentityProvider {
    private final KeycloakConnection keycloak;
    private final KeycloakOidc oidc;

    KeycloakIdentityProvider(KeycloakConnection keycloak, KeycloakOidc oidc) {
        this.keycloak = keycloak;
        this.oidc = oidc;
    }

    @Override
    public Uni<Void> createAccount(String email, String password) {
        // The Admin Client has no timeout of its own here; a hung Keycloak fails the signup instead of holding it.
        return VertxContextSupport.<Void>executeBlocking(() -> {
            createUser(email, password);
            return null;
        }).ifNoItem().after(keycloak.timeout()).fail();
    }

    private void createUser(String email, String password) {
        int status;
        String detail;
        try (Response created = keycloak.realm().users().create(user(email, password))) {
            status = created.getStatus();
            detail = status == 400 ? created.readEntity(String.class) : "";
        } catch (WebApplicationException e) {
            status = e.getResponse().getStatus();
            detail = e.getMessage();
        }
        if (status == 409) {
            throw new AccountExistsException(email);
        }
        if (status == 400) {
            // A realm password policy stricter than the control plane's own checks.
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "The identity provider refused this password: " + detail);
        }
        if (status != 201) {
            throw new IllegalStateException("Keycloak answered HTTP " + status + " to a user creation");
        }
    }

    /**
     * The new Keycloak user. Keycloak 26's default user profile requires first and last name before a password login
     * counts as a finished account; the control plane asks for neither, so both are derived from the email.
     */
    private UserRepresentation user(String email, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEnabled(true);
        user.setEmailVerified(keycloak.settings().emailVerified());
        int at = email.lastIndexOf('@');
        user.setFirstName(PersonNames.sanitise(at > 0 ? email.substring(0, at) : email));
        user.setLastName(PersonNames.sanitise(at > 0 ? email.substring(at + 1) : email));
        user.setCredentials(List.of(credential));
        return user;
    }

    @Override
    public Uni<Boolean> authenticate(String email, String password) {
        return VertxContextSupport.executeBlocking(() -> {
            Optional<KeycloakOidc.Tokens> tokens = oidc.passwordGrant(email, password);
            tokens.map(KeycloakOidc.Tokens::refreshToken).ifPresent(oidc::revoke);
            return tokens.isPresent();
        });
    }
}
