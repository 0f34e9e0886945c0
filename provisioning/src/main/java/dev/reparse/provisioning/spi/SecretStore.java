package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.model.DesiredApp;

/**
 * Keeps what an app's runtime must know but nobody else may see (its keys, its settings): a
 * 0600 file locally, a Kubernetes Secret in a cluster. A running runtime picks up a rewrite.
 */
public interface SecretStore {

    /** Writes (or rewrites, when changed) the app's secrets; idempotent. */
    void write(DesiredApp app, ProvisionedResources resources);

    /** Removes the app's secrets; nothing happens when they are already gone. */
    void delete(String applicationId);
}
