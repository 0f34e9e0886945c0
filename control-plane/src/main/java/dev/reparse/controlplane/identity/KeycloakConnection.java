package dev.reparse.controlplane.identity;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.ControlPlaneConfig.IdentityProviderKind;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * Where and how the control plane talks to Keycloak: the checked settings, one JDK HTTP client for the realm's OIDC
 * endpoints and one Admin Client, both built on first use. Nothing is contacted while the provider is builtin.
 */
@Singleton
final class KeycloakConnection {
    private final ControlPlaneConfig config;
    private Keycloak admin;
    private HttpClient http;

    KeycloakConnection(ControlPlaneConfig config) {
        this.config = config;
    }

    /** Whether the configured provider is Keycloak; everything else here is only used then. */
    boolean enabled() {
        return config.identity().provider() == IdentityProviderKind.KEYCLOAK;
    }

    ControlPlaneConfig.Keycloak settings() {
        return config.identity().keycloak();
    }

    /** Keycloak's base URL without a trailing slash. */
    String serverUrl() {
        String url = settings().serverUrl()
            .orElseThrow(() -> new IllegalStateException(
                "reparse.identity.provider=keycloak needs reparse.identity.keycloak.server-url"))
            .toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An endpoint of the console realm, e.g. {@code protocol/openid-connect/token}. */
    URI realmEndpoint(String path) {
        return URI.create(serverUrl() + "/realms/" + settings().realm() + "/" + path);
    }

    /** Where Keycloak sends the browser back after an OIDC login: the control plane's callback. */
    URI callbackUri() {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
            : config.publicUrl();
        return URI.create(base + "/api/v1/oidc/callback");
    }

    /** Where the browser goes once the console session is set. */
    URI consoleHome() {
        return URI.create(config.publicUrl());
    }

    Duration timeout() {
        return settings().requestTimeout();
    }

    synchronized HttpClient http() {
        if (http == null) {
            // Redirects are answers here (the token endpoint never redirects on success), so they are not followed.
            http = HttpClient.newBuilder().connectTimeout(timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** The console realm through the Admin Client (blocking calls). */
    RealmResource realm() {
        return admin().realm(settings().realm());
    }

    synchronized Keycloak admin() {
        if (admin == null) {
            admin = buildAdmin();
        }
        return admin;
    }

    private Keycloak buildAdmin() {
        ControlPlaneConfig.Keycloak kc = settings();
        KeycloakBuilder builder = KeycloakBuilder.builder().serverUrl(serverUrl()).realm(kc.adminRealm())
            .clientId(kc.adminClientId());
        if (kc.adminUsername().isPresent()) {
            String password = kc.adminPassword().orElseThrow(() -> new IllegalStateException(
                "reparse.identity.keycloak.admin-username needs reparse.identity.keycloak.admin-password"));
            builder.grantType(OAuth2Constants.PASSWORD).username(kc.adminUsername().get()).password(password);
            kc.adminClientSecret().ifPresent(builder::clientSecret);
        } else {
            String secret = kc.adminClientSecret().orElseThrow(() -> new IllegalStateException(
                "reparse.identity.provider=keycloak needs reparse.identity.keycloak.admin-username and admin-password, "
                    + "or admin-client-secret"));
            builder.grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientSecret(secret);
        }
        return builder.build();
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
