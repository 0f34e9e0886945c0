package dev.reparse.controlplane.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the control plane at the test Keycloak with {@code provider=keycloak}. The control plane listens on a port
 * chosen here, because its public URL (the OIDC callback registered in Keycloak) must be known before it starts.
 */
public final class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = KeycloakServer.get();
        int port = freePort();
        return Map.of(
            "reparse.identity.provider", "keycloak",
            "reparse.identity.keycloak.server-url", keycloak.url(),
            "reparse.identity.keycloak.admin-username", KeycloakServer.ADMIN_USERNAME,
            "reparse.identity.keycloak.admin-password", KeycloakServer.ADMIN_PASSWORD,
            "quarkus.http.test-port", Integer.toString(port),
            "reparse.public-url", "http://127.0.0.1:" + port + "/");
    }

    @Override
    public void stop() {
        // Keycloak lives as long as the test JVM (KeycloakServer's shutdown hook ends it).
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
