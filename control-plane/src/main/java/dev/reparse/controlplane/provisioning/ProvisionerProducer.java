package dev.reparse.controlplane.provisioning;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.apps.StoredCloudCode;
import dev.reparse.provisioning.Provisioner;
import dev.reparse.provisioning.local.LocalRouter;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that constructs the {@link Provisioner}, picked by {@code reparse.provisioning.backend}. Other
 * backends (tests' in-memory one, later Kubernetes) register as beans qualified {@code @Identifier("<name>")}.
 */
final class ProvisionerProducer {

    @Produces
    @Singleton
    Provisioner provisioner(ControlPlaneConfig config, @Any Instance<Provisioner> registered,
            @ConfigProperty(name = "quarkus.http.host") String httpHost, @ConfigProperty(name = "quarkus.http.port") int httpPort,
            StoredCloudCode code) {
        String backend = config.provisioning().backend();
        Instance<Provisioner> named = registered.select(Identifier.Literal.of(backend));
        if (named.isResolvable()) {
            return named.get();
        }
        if (backend.equals("local")) {
            return LocalProvisioner.start(config, LocalRouter.url(httpHost, httpPort), code);
        }
        throw new IllegalStateException("no provisioning backend named '" + backend + "'");
    }

    void close(@Disposes Provisioner provisioner) {
        provisioner.close();
    }
}
