package dev.reparse.controlplane.identity;

import dev.reparse.controlplane.ControlPlaneConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one place that picks the {@link IdentityProvider} from {@code reparse.identity.provider}. */
final class IdentityProviderProducer {

    @Produces
    @Singleton
    IdentityProvider identityProvider(ControlPlaneConfig config, Clock clock) {
        return switch (config.identity().provider()) {
            case BUILTIN -> new BuiltinIdentityProvider(config.identity().bcryptCost(), clock);
            // The Keycloak provider (Admin Client signup, direct-grant password check) is constructed here once it exists.
            case KEYCLOAK -> throw new IllegalStateException(
                "reparse.identity.provider=keycloak is not available in this build yet; use builtin");
        };
    }
}
