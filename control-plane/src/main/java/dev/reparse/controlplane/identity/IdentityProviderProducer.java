package dev.reparse.controlplane.identity;

import dev.reparse.controlplane.ControlPlaneConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one place that picks the {@link IdentityProvider} from {@code reparse.identity.provider}. */
final class IdentityProviderProducer {

    @Produces
    @Singleton
    IdentityProvider identityProvider(ControlPlaneConfig config, Clock clock, KeycloakConnection keycloak, KeycloakOidc oidc) {
        return switch (config.identity().provider()) {
            case BUILTIN -> new BuiltinIdentityProvider(config.identity().bcryptCost(), clock);
            case KEYCLOAK -> new KeycloakIdentityProvider(keycloak, oidc);
        };
    }
}
