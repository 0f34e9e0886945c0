package dev.reparse.provisioning;

import dev.reparse.provisioning.spi.BucketProvisioner;
import dev.reparse.provisioning.spi.CloudCodeDeployer;
import dev.reparse.provisioning.spi.DatabaseProvisioner;
import dev.reparse.provisioning.spi.RuntimeBackend;
import dev.reparse.provisioning.spi.SecretStore;
import java.util.Objects;

/** The implementations the reconciler drives, chosen by whoever builds it (local or Kubernetes). */
public record ProvisioningBackends(DatabaseProvisioner database, BucketProvisioner bucket, SecretStore secrets,
        CloudCodeDeployer code, RuntimeBackend runtime) {
    public ProvisioningBackends {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(runtime, "runtime");
    }
}
