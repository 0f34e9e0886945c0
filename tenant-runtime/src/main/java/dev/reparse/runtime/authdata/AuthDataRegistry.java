package dev.reparse.runtime.authdata;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The app's third-party logins: one validator per enabled provider, chosen by the provider's name.
 * authData is checked for shape before any provider is called, so nothing a client sends reaches a
 * provider or the database as an operator.
 */
public final class AuthDataRegistry implements AuthDataValidator, AutoCloseable {
    private final Map<String, ProviderValidator> validators;
    private final AutoCloseable resources;

    AuthDataRegistry(Map<String, ProviderValidator> validators, AutoCloseable resources) {
        this.validators = Map.copyOf(validators);
        this.resources = resources;
    }

    /** The validators the configuration enables, reaching providers over HTTP with the configured timeout. */
    public static AuthDataRegistry fromConfig(AuthConfig config, Clock clock) {
        ProviderHttp http = new ProviderHttp(config.timeout());
        return new AuthDataRegistry(new ProviderSetup(config, http, clock, new SecureRandom()).validators(), http);
    }

    @Override
    public void validate(String provider, Map<String, Object> authData) {
        ProviderValidator validator = provider == null ? null : validators.get(provider);
        if (validator == null) {
            throw ProviderAuthData.unsupported();
        }
        validator.validate(ProviderAuthData.of(provider, authData));
    }

    @Override
    public Set<String> providers() {
        return new TreeMap<>(validators).keySet();
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release the providers' HTTP client", e);
        }
    }
}
