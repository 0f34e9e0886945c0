package dev.reparse.controlplane.identity;

import io.smallrye.mutiny.Uni;

/**
 * Checks console credentials. The control plane keeps accounts (email, account key, apps) itself and asks the
 * provider only about passwords, so an implementation holds credentials and nothing else.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>emails arrive normalised (trimmed, lower case) and passwords already validated (8 to 72 characters);</li>
 *   <li>both methods are called on a Vert.x context inside the control plane's database transaction: do blocking
 *       work (HTTP to Keycloak, hashing) through {@code VertxContextSupport.executeBlocking}, never on the event
 *       loop;</li>
 *   <li>a provider that cannot answer fails the {@code Uni}; the caller answers 500 then, never "wrong password".</li>
 * </ul>
 * Console sessions are the control plane's own tokens, issued after {@link #authenticate} succeeds; an OIDC login
 * (Keycloak) may later add its own way in beside this SPI.
 */
public interface IdentityProvider {

    /**
     * Registers credentials for a new account.
     *
     * @return a Uni failing with {@link AccountExistsException} when the provider already knows the email
     */
    Uni<Void> createAccount(String email, String password);

    /** Whether the password is this email's; false as well for an unknown email (callers never learn which). */
    Uni<Boolean> authenticate(String email, String password);
}
