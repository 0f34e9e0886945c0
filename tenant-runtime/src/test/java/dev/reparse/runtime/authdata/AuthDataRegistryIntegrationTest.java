package dev.reparse.runtime.authdata;

import static dev.reparse.runtime.authdata.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry built from {@code reparse.auth.*} properties, as the runtime builds it: which providers
 * exist, and that malformed or hostile authData is refused before any provider is called.
 */
class AuthDataRegistryIntegrationTest {
    private FakeProvider provider;
    private AuthDataRegistry registry;

    @BeforeEach
    void start() {
        provider = new FakeProvider()
                .route("/user", exchange -> FakeProvider.Answer.ok(Map.of("id", 7, "login", "x")))
                .route("/introspect", exchange -> FakeProvider.Answer.ok(Map.of("active", true, "sub", "7")));
        registry = AuthDataRegistry.fromConfig(config(Map.of(
                "reparse.auth.github.enabled", "true",
                "reparse.auth.github.api-url", provider.url(),
                "reparse.auth.google.enabled", "true",
                "reparse.auth.google.client-ids", "a.apps.googleusercontent.com,b.apps.googleusercontent.com",
                "reparse.auth.google.jwks-url", provider.url() + "/certs",
                "reparse.auth.oauth2.corp.introspection-url", provider.url() + "/introspect",
                "reparse.auth.oauth2.corp.userid-field", "sub")), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        registry.close();
        provider.close();
    }

    static AuthConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(AuthConfig.class)
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 100))
                .build();
        return config.getConfigMapping(AuthConfig.class);
    }

    @Test
    void enablesAnonymousByDefaultAndOtherProvidersOnlyWhenConfigured() {
        assertEquals(Set.of("anonymous", "corp", "github", "google"), registry.providers());
        try (AuthDataRegistry defaults = AuthDataRegistry.fromConfig(config(Map.of()), Clock.systemUTC())) {
            assertEquals(Set.of("anonymous"), defaults.providers());
            assertRefused(252, "This authentication method is unsupported.",
                    () -> defaults.validate("facebook", Map.of("id", "1", "access_token", "t")));
        }
        try (AuthDataRegistry none = AuthDataRegistry.fromConfig(config(Map.of("reparse.auth.anonymous.enabled", "false")),
                Clock.systemUTC())) {
            assertRefused(252, "This authentication method is unsupported.",
                    () -> none.validate("anonymous", Map.of("id", "3f2a")));
        }
    }

    @Test
    void configuredProvidersReachTheirConfiguredEndpoints() {
        assertDoesNotThrow(() -> registry.validate("github", Map.of("id", "7", "access_token", "t")));
        assertDoesNotThrow(() -> registry.validate("corp", Map.of("id", "7", "access_token", "t")));
        assertRefused(101, "OAuth2 access token is invalid for this user.",
                () -> registry.validate("corp", Map.of("id", "8", "access_token", "t")));
        assertEquals(1, provider.calls("/user"));
        assertEquals(2, provider.calls("/introspect"));
    }

    @Test
    void acceptsAnyNonEmptyAnonymousId() {
        assertDoesNotThrow(() -> registry.validate("anonymous", Map.of("id", "5b49ada2-4df5-4457-8ea4-21550cf07a96")));
        assertRefused(252, "This authentication method is unsupported.",
                () -> registry.validate("anonymous", Map.of("id", "")));
        assertRefused(252, "This authentication method is unsupported.", () -> registry.validate("anonymous", Map.of()));
        assertRefused(252, "This authentication method is unsupported.", () -> registry.validate("anonymous", null));
    }

    @Test
    void refusesUnknownProviders() {
        assertRefused(252, "This authentication method is unsupported.",
                () -> registry.validate("myspace", Map.of("id", "1")));
        assertRefused(252, "This authentication method is unsupported.",
                () -> registry.validate("$where", Map.of("id", "1")));
        assertRefused(252, "This authentication method is unsupported.", () -> registry.validate(null, Map.of("id", "1")));
    }

    @Test
    void refusesOperatorsAndNonStringIdsBeforeCallingTheProvider() {
        assertRefused(105, "Invalid field name: $ne.",
                () -> registry.validate("github", Map.of("id", Map.of("$ne", "x"), "access_token", "t")));
        assertRefused(105, "Invalid field name: $gt.",
                () -> registry.validate("anonymous", Map.of("id", "a", "extra", List.of(Map.of("$gt", "")))));
        assertRefused(105, "Invalid field name: $regex.",
                () -> registry.validate("corp", Map.of("id", "7", "access_token", Map.of("$regex", ".*"))));
        assertRefused(105, "Invalid field name: a.b.",
                () -> registry.validate("google", Map.of("id", "7", "a.b", "c")));
        assertRefused(111, "authData.github.id must be a string.",
                () -> registry.validate("github", Map.of("id", 7, "access_token", "t")));
        assertRefused(111, "authData.anonymous.id must be a string.",
                () -> registry.validate("anonymous", Map.of("id", List.of("a"))));
        assertEquals(0, provider.totalCalls());
    }

    @Test
    void refusesNonStringCredentialsWithoutCallingTheProvider() {
        assertRefused(101, "GitHub auth is invalid for this user.",
                () -> registry.validate("github", Map.of("id", "7", "access_token", List.of("t"))));
        assertRefused(101, "id token is invalid for this user.",
                () -> registry.validate("google", Map.of("id", "7", "id_token", 12)));
        assertEquals(0, provider.totalCalls());
    }
}
