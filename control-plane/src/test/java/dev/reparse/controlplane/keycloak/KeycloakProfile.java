package dev.reparse.controlplane.keycloak;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The control plane with Keycloak as identity provider (its own Quarkus boot, beside the builtin-provider ITs). */
public final class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakResource.class));
    }
}
