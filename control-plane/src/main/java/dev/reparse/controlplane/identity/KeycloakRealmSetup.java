package dev.reparse.controlplane.identity;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Reconciles the console realm at start: the realm exists and is enabled, and the console client is public, allows
 * the password grant (Apps API credentials) and the authorization-code flow with PKCE, and accepts the control
 * plane's callback. Settings an operator added beside these (more redirect URIs, themes, policies) are kept.
 */
@Singleton
final class KeycloakRealmSetup {
    private static final Logger LOG = Logger.getLogger(KeycloakRealmSetup.class);
    private final KeycloakConnection keycloak;

    KeycloakRealmSetup(KeycloakConnection keycloak) {
        this.keycloak = keycloak;
    }

    void onStart(@Observes StartupEvent event) {
        if (keycloak.enabled()) {
            reconcile();
        }
    }

    /** Brings realm and client to the desired state; running it again changes nothing. */
    void reconcile() {
        ensureRealm();
        ensureConsoleClient();
    }

    private void ensureRealm() {
        String name = keycloak.settings().realm();
        RealmRepresentation existing;
        try {
            existing = keycloak.realm().toRepresentation();
        } catch (WebApplicationException e) {
            // The Quarkus REST client raises a plain WebApplicationException, not NotFoundException, for a 404.
            if (e.getResponse().getStatus() != 404) {
                throw e;
            }
            existing = null;
        }
        if (existing == null) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(name);
            realm.setEnabled(true);
            keycloak.admin().realms().create(realm);
            LOG.infof("created Keycloak realm %s", name);
        } else if (!Boolean.TRUE.equals(existing.isEnabled())) {
            existing.setEnabled(true);
            keycloak.realm().update(existing);
            LOG.infof("enabled Keycloak realm %s", name);
        }
    }

    private void ensureConsoleClient() {
        String clientId = keycloak.settings().consoleClientId();
        List<ClientRepresentation> found = keycloak.realm().clients().findByClientId(clientId);
        if (found.isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setProtocol("openid-connect");
            applyDesired(client);
            try (Response created = keycloak.realm().clients().create(client)) {
                if (created.getStatus() != 201 && created.getStatus() != 409) {
                    throw new IllegalStateException("Keycloak refused to create client " + clientId + ": HTTP " + created.getStatus());
                }
            }
            LOG.infof("created Keycloak client %s in realm %s", clientId, keycloak.settings().realm());
            return;
        }
        ClientRepresentation client = found.get(0);
        if (applyDesired(client)) {
            keycloak.realm().clients().get(client.getId()).update(client);
            LOG.infof("updated Keycloak client %s to the console's needs", clientId);
        }
    }

    /** Sets what the console needs on the client; true when something changed. */
    private boolean applyDesired(ClientRepresentation client) {
        ClientRepresentation before = copyOfChecked(client);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(true);
        List<String> redirects = client.getRedirectUris() == null ? new ArrayList<>() : new ArrayList<>(client.getRedirectUris());
        String callback = keycloak.callbackUri().toString();
        if (!redirects.contains(callback)) {
            redirects.add(callback);
        }
        client.setRedirectUris(redirects);
        Map<String, String> attributes = client.getAttributes() == null ? new HashMap<>() : new HashMap<>(client.getAttributes());
        attributes.put("pkce.code.challenge.method", "S256");
        client.setAttributes(attributes);
        return !sameChecked(before, client);
    }

    private static ClientRepresentation copyOfChecked(ClientRepresentation client) {
        ClientRepresentation copy = new ClientRepresentation();
        copy.setEnabled(client.isEnabled());
        copy.setPublicClient(client.isPublicClient());
        copy.setDirectAccessGrantsEnabled(client.isDirectAccessGrantsEnabled());
        copy.setStandardFlowEnabled(client.isStandardFlowEnabled());
        copy.setRedirectUris(client.getRedirectUris() == null ? null : List.copyOf(client.getRedirectUris()));
        copy.setAttributes(client.getAttributes() == null ? null : Map.copyOf(client.getAttributes()));
        return copy;
    }

    private static boolean sameChecked(ClientRepresentation a, ClientRepresentation b) {
        return Objects.equals(a.isEnabled(), b.isEnabled())
            && Objects.equals(a.isPublicClient(), b.isPublicClient())
            && Objects.equals(a.isDirectAccessGrantsEnabled(), b.isDirectAccessGrantsEnabled())
            && Objects.equals(a.isStandardFlowEnabled(), b.isStandardFlowEnabled())
            && Objects.equals(a.getRedirectUris(), b.getRedirectUris())
            && Objects.equals(a.getAttributes(), b.getAttributes());
    }
}
