package dev.reparse.controlplane.provisioning;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.apps.CloudCodeService;
import dev.reparse.controlplane.local.LocalMode;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.AppStatus;
import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.PlatformMail;
import dev.reparse.provisioning.Provisioner;
import dev.reparse.provisioning.ProvisioningBackends;
import dev.reparse.provisioning.Reconciler;
import dev.reparse.provisioning.ReconcilerOptions;
import dev.reparse.provisioning.RequestLogEntry;
import dev.reparse.provisioning.local.DeletedAppFiles;
import dev.reparse.provisioning.local.FileSecretStore;
import dev.reparse.provisioning.local.LocalCodeDeployer;
import dev.reparse.provisioning.local.NpmOptions;
import dev.reparse.provisioning.local.LocalInfrastructure;
import dev.reparse.provisioning.local.LocalRouter;
import dev.reparse.provisioning.local.LocalRuntimeBackend;
import dev.reparse.provisioning.local.LocalRuntimeOptions;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.mongo.MongoDatabaseProvisioner;
import dev.reparse.provisioning.s3.S3BucketProvisioner;
import dev.reparse.provisioning.spi.CloudCodeSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The local backend of {@code ./reparse up}: one process tree on this machine. It starts the router, the embedded
 * MongoDB-wire and S3 servers (data under the data dir) and reconciles each app into a database, a bucket, a 0600
 * settings file, a Cloud Code folder and a child runtime JVM. Closing stops the runtimes, then the stores, then the router.
 */
final class LocalProvisioner implements Provisioner {
    private static final Logger LOG = Logger.getLogger(LocalProvisioner.class);
    private final Reconciler reconciler;
    private final LocalInfrastructure infrastructure;
    private final Optional<LocalRouter> router;
    private final DeletedAppFiles deletedApps;

    private LocalProvisioner(Reconciler reconciler, LocalInfrastructure infrastructure, Optional<LocalRouter> router,
            DeletedAppFiles deletedApps) {
        this.reconciler = reconciler;
        this.infrastructure = infrastructure;
        this.router = router;
        this.deletedApps = deletedApps;
    }

    /**
     * Starts the router (when a port is set) and the stores, and builds the reconciler over them; {@code controlUrl} is
     * this control plane's base URL, whose route table the router polls; apps' code comes from {@code code}.
     */
    static LocalProvisioner start(ControlPlaneConfig config, String controlUrl, CloudCodeSource code) {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        Path runtimeApp = config.provisioning().runtimeApp().toAbsolutePath().normalize();
        LocalRuntimeOptions runtimeOptions = LocalRuntimeOptions.of(runtimeApp, dataDir).withMail(mail(config));
        Optional<LocalRouter> router = startRouter(config, dataDir, runtimeApp, controlUrl);
        LocalInfrastructure infrastructure;
        try {
            infrastructure = LocalInfrastructure.start(LocalInfrastructure.Options.of(runtimeApp, dataDir));
        } catch (RuntimeException e) {
            router.ifPresent(LocalRouter::close);
            throw e;
        }
        LOG.infof("local provisioning: MongoDB-wire at %s, S3 at %s, runtimes from %s", infrastructure.mongoUri(),
            infrastructure.s3().endpoint(), runtimeApp);
        // Derives each app's database password; stable across restarts so reconciling stays idempotent.
        String databaseSecret = LocalMode.secret(dataDir, "database-secret");
        ProvisioningBackends backends = new ProvisioningBackends(
            new MongoDatabaseProvisioner(infrastructure.mongoUri(), databaseSecret),
            new S3BucketProvisioner(infrastructure.s3()), new FileSecretStore(runtimeOptions),
            new LocalCodeDeployer(runtimeOptions, code, CloudCodeService.limits(config), npm(config.cloudCode().npm())),
            new LocalRuntimeBackend(runtimeOptions));
        return new LocalProvisioner(new Reconciler(backends, ReconcilerOptions.defaults(), Clock.systemUTC()),
            infrastructure, router,
            DeletedAppFiles.start(dataDir, config.provisioning().deletedAppRetention(), Clock.systemUTC()));
    }

    private static NpmOptions npm(ControlPlaneConfig.CloudCode.Npm npm) {
        return new NpmOptions(npm.command(), npm.allowScripts(), npm.registry(), npm.timeout());
    }

    /** The platform's mail server, sender and public API URL, as every app's runtime gets them. */
    static PlatformMail mail(ControlPlaneConfig config) {
        ControlPlaneConfig.Smtp smtp = config.email().smtp();
        Optional<PlatformMail.Smtp> server = smtp.host().filter(host -> !host.isBlank())
            .map(host -> new PlatformMail.Smtp(host, smtp.port(), smtp.tls(), smtp.username(), smtp.password()));
        String from = config.email().fromAddress().orElse("");
        if (server.isPresent() && from.isBlank()) {
            throw new IllegalStateException("reparse.email.smtp.host is set but reparse.email.from-address is not: "
                + "apps' mail needs a sender address");
        }
        // the router this control plane starts, when it starts one: reparse.router.url may be anything that reaches it
        Optional<String> publicUrl = config.router().publicUrl()
            .or(() -> config.router().localPort() == 0 ? Optional.empty()
                : Optional.of(LocalRouter.url(config.router().localHost(), config.router().localPort())
                    + DesiredApp.MOUNT_PATH))
            .or(() -> config.router().url().map(url -> url.toString().replaceAll("/+$", "") + DesiredApp.MOUNT_PATH));
        server.ifPresent(s -> LOG.infof("apps' mail goes through SMTP %s:%d (%s) from %s", s.host(), s.port(), s.tls(),
            from));
        return new PlatformMail(server, from, publicUrl);
    }

    private static Optional<LocalRouter> startRouter(ControlPlaneConfig config, Path dataDir, Path runtimeApp,
            String controlUrl) {
        int port = config.router().localPort();
        if (port == 0) {
            return Optional.empty();
        }
        String token = config.internalToken().orElseThrow(() -> new IllegalStateException(
            "the local router needs reparse.internal-token (local mode generates one under the data dir)"));
        // <repo>/tenant-runtime/target/quarkus-app → <repo>/router/target/quarkus-app
        Path routerApp = config.provisioning().routerApp()
            .orElseGet(() -> runtimeApp.getParent().getParent().resolveSibling("router").resolve("target/quarkus-app"));
        LocalRouter router = LocalRouter.start(new LocalRouter.Options(routerApp, dataDir, config.router().localHost(), port,
            controlUrl, token));
        LOG.infof("router starting at %s/parse", router.url());
        return Optional.of(router);
    }

    @Override
    public void apply(AppSpec spec) {
        reconciler.apply(spec);
    }

    @Override
    public void resync(Collection<AppSpec> specs) {
        reconciler.resync(specs);
    }

    @Override
    public Optional<AppStatus> status(String applicationId) {
        return reconciler.status(applicationId);
    }

    @Override
    public List<RequestLogEntry> logs(String applicationId, LogQuery query) {
        return reconciler.logs(applicationId, query);
    }

    @Override
    public void onStatusChange(StatusListener listener) {
        reconciler.onStatusChange(listener);
    }

    @Override
    public void close() {
        deletedApps.close();
        try {
            reconciler.close();
        } finally {
            try {
                infrastructure.close();
            } finally {
                router.ifPresent(LocalRouter::close);
            }
        }
    }
}
