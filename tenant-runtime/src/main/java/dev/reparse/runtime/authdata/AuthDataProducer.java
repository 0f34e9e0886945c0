package dev.reparse.runtime.authdata;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the app's {@link AuthDataValidator} a bean, built from {@code reparse.auth.*}; closes its HTTP client on shutdown. */
@Singleton
final class AuthDataProducer {

    @Produces
    @Singleton
    AuthDataValidator authDataValidator(AuthConfig config) {
        return AuthDataRegistry.fromConfig(config, Clock.systemUTC());
    }

    void close(@Disposes AuthDataValidator validator) {
        if (validator instanceof AuthDataRegistry registry) {
            registry.close();
        }
    }
}
