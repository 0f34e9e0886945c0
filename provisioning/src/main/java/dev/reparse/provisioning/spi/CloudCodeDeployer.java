package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.model.DesiredApp;

/**
 * Puts an app's Cloud Code where its runtime loads it from (a folder the runtime watches, locally). The runtime
 * picks up new code on its own, without a restart; every call is idempotent.
 */
public interface CloudCodeDeployer {

    /** Makes the app's code folder hold its desired release (or no code); answers what the condition should say. */
    CodeDeployment deploy(DesiredApp app);

    /** Removes the app's code; nothing happens when it is already gone. */
    void remove(String applicationId);
}
