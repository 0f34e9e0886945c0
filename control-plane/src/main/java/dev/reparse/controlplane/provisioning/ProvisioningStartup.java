package dev.reparse.controlplane.provisioning;

import dev.reparse.controlplane.apps.AppService;
import dev.reparse.provisioning.Provisioner;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * At startup, subscribes to provisioning's status changes and hands it every stored spec, deleted apps included, so it
 * re-adopts or restarts what should run and finishes tearing down what should not.
 */
@Singleton
final class ProvisioningStartup {
    private static final Logger LOG = Logger.getLogger(ProvisioningStartup.class);
    private final Provisioner provisioner;
    private final AppService apps;
    private final StatusRecorder recorder;

    ProvisioningStartup(Provisioner provisioner, AppService apps, StatusRecorder recorder) {
        this.provisioner = provisioner;
        this.apps = apps;
        this.recorder = recorder;
    }

    void start(@Observes StartupEvent startup) throws Throwable {
        provisioner.onStatusChange(recorder::statusChanged);
        var specs = VertxContextSupport.subscribeAndAwait(apps::allSpecs);
        LOG.infof("resyncing %d app(s) with provisioning", specs.size());
        provisioner.resync(specs);
    }
}
