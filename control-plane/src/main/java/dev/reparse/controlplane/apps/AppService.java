package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.RandomKeys;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.routes.RouteVersions;
import dev.reparse.provisioning.AppSettings;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.Condition;
import dev.reparse.provisioning.Provisioner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An account's apps: create, read, change, rotate, delete. Each change commits the new desired state with a bumped
 * generation and route version, then hands the spec to provisioning (after commit, so provisioning never sees a spec
 * that could still roll back; a crash in between is covered by the resync at startup).
 */
@Singleton
public final class AppService {
    private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() { };
    private static final Duration ROLLOUT_WAIT = Duration.ofSeconds(10);
    private static final Duration ROLLOUT_POLL = Duration.ofMillis(50);
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private final Provisioner provisioner;
    private final RouteVersions routeVersions;
    private final RandomKeys keys;
    private final Clock clock;
    private final ControlPlaneConfig config;
    private final ObjectMapper json;
    private final AppDirectory directory;

    AppService(Provisioner provisioner, RouteVersions routeVersions, RandomKeys keys, Clock clock,
            ControlPlaneConfig config, ObjectMapper json, AppDirectory directory) {
        this.provisioner = provisioner;
        this.routeVersions = routeVersions;
        this.keys = keys;
        this.clock = clock;
        this.config = config;
        this.json = json;
        this.directory = directory;
    }

    /** The account's live apps, oldest first. */
    public Uni<List<AppView>> list(Account owner) {
        return Panache.withSession(() -> App.<App>list("accountId = ?1 and deleted = false order by createdAt", owner.id)
            .flatMap(apps -> StoredAppStatus.<StoredAppStatus>list("applicationId in ?1",
                    apps.stream().map(a -> a.applicationId).toList())
                .map(statuses -> {
                    Map<String, StoredAppStatus> byId = statuses.stream()
                        .collect(Collectors.toMap(s -> s.applicationId, Function.identity()));
                    return apps.stream().map(app -> view(app, byId.get(app.applicationId))).toList();
                })));
    }

    /** One of the account's apps; 404 for unknown, deleted and other accounts' apps alike. */
    public Uni<AppView> get(Account owner, String applicationId) {
        return Panache.withSession(() -> owned(owner, applicationId).flatMap(this::withStatus));
    }

    /**
     * Creates an app with fresh keys and the default settings, changed by {@code changes}; 403 (code 140) past the
     * account's or the platform's app limit, 409 (code 137) for an explicit subdomain another app holds.
     */
    public Uni<AppView> create(Account owner, AppChanges changes) {
        App app = newApp(owner, changes);
        return commitAndApply(() -> directory.lock()
            .flatMap(ignored -> directory.requireRoom(owner))
            .flatMap(ignored -> changes.subdomain().isPresent()
                ? directory.requireFree(app.subdomain, app.applicationId) : directory.assignSubdomain(app))
            .flatMap(ignored -> app.<App>persist()));
    }

    /**
     * Changes an app's name, subdomain or settings; the generation moves only when something did change. A new name
     * keeps the subdomain; a new subdomain another app holds is a 409.
     */
    public Uni<AppView> update(Account owner, String applicationId, AppChanges changes) {
        return commitAndApply(() -> owned(owner, applicationId).flatMap(app -> {
            // checked before the entity changes, so the check's query does not flush a clashing subdomain first
            Uni<Void> movable = changes.subdomain().filter(wanted -> !wanted.equals(app.subdomain)).isEmpty()
                ? Uni.createFrom().voidItem()
                : directory.lock().flatMap(ignored -> directory.requireFree(changes.subdomain().get(), app.applicationId));
            return movable.map(ignored -> {
                if (changes.applyTo(app)) {
                    app.generation++;
                    app.updatedAt = clock.instant();
                }
                return app;
            });
        }));
    }

    /**
     * Replaces the master key. The old one stays valid for {@code reparse.apps.master-key-grace-period}, so clients
     * and servers holding it can switch without downtime.
     */
    public Uni<AppView> rotateMasterKey(Account owner, String applicationId) {
        return commitAndApply(() -> owned(owner, applicationId).map(app -> {
            app.previousMasterKey = app.masterKey;
            app.previousMasterKeyValidUntil = clock.instant().plus(config.apps().masterKeyGracePeriod());
            app.masterKey = keys.next();
            app.generation++;
            app.updatedAt = clock.instant();
            return app;
        })).call(view -> awaitRollout(view.applicationId(), view.generation(),
            clock.instant().plus(ROLLOUT_WAIT)));
    }

    /**
     * Waits (boundedly) until provisioning has handed that generation to the app's runtime, so a rotated key works
     * as soon as the caller holds it; past the bound the answer goes out anyway and its status shows the rollout.
     */
    private Uni<Void> awaitRollout(String applicationId, long generation, Instant deadline) {
        boolean rolledOut = provisioner.status(applicationId)
            .map(status -> status.observedGeneration() >= generation).orElse(false);
        if (rolledOut || clock.instant().isAfter(deadline)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(ROLLOUT_POLL)
            .flatMap(ignored -> awaitRollout(applicationId, generation, deadline));
    }

    /**
     * Marks the app deleted and drops its Cloud Code; provisioning tears down its runtime, route, code folder and
     * (per retention) its data.
     */
    public Uni<Void> delete(Account owner, String applicationId) {
        return commitAndApply(() -> owned(owner, applicationId).flatMap(app -> {
            app.deleted = true;
            app.generation++;
            app.updatedAt = clock.instant();
            app.cloudCodeVersion = null;
            app.cloudCodeSha256 = null;
            return CloudCodeVersion.delete("applicationId", applicationId).replaceWith(app);
        })).replaceWithVoid();
    }

    /** Every app's spec, deleted ones included, for provisioning's resync at startup. */
    public Uni<List<AppSpec>> allSpecs() {
        return Panache.withSession(() -> App.<App>listAll()
            .map(apps -> apps.stream().map(app -> AppSpecs.of(app, clock.instant())).toList()));
    }

    private Uni<AppView> commitAndApply(Supplier<Uni<App>> change) {
        return commit(change, app -> app).flatMap(app -> Panache.withSession(() -> withStatus(app)));
    }

    /**
     * Runs a change of an app (and whatever rows come with it) in one transaction with a route version bump, then,
     * after commit, hands the app's new spec to provisioning.
     */
    <T> Uni<T> commit(Supplier<Uni<T>> change, Function<T, App> changedApp) {
        return Panache.withTransaction(() -> change.get()
                .flatMap(result -> routeVersions.bump().replaceWith(result)))
            .onFailure(AppDirectory::subdomainClash).transform(AppDirectory::subdomainTaken)
            .invoke(result -> {
                routeVersions.changed();
                provisioner.apply(AppSpecs.of(changedApp.apply(result), clock.instant()));
            });
    }

    /** One of the account's live apps, in the current session; 404 otherwise (also for IDs no app can have). */
    static Uni<App> owned(Account owner, String applicationId) {
        if (applicationId == null || !APPLICATION_ID.matcher(applicationId).matches()) {
            return Uni.createFrom().failure(ApiException.appNotFound());
        }
        return App.<App>findById(applicationId)
            .map(app -> app == null || app.deleted || !app.accountId.equals(owner.id) ? null : app)
            .onItem().ifNull().failWith(ApiException::appNotFound);
    }

    private App newApp(Account owner, AppChanges changes) {
        AppSettings defaults = AppSettings.defaults();
        App app = new App();
        app.applicationId = keys.next();
        app.accountId = owner.id;
        app.generation = 1;
        app.masterKey = keys.next();
        app.readOnlyMasterKey = keys.next();
        app.clientKey = keys.next();
        app.javascriptKey = keys.next();
        app.restKey = keys.next();
        app.windowsKey = keys.next();
        app.webhookKey = keys.next();
        app.fileKey = keys.next();
        app.clientKeysRequired = defaults.clientKeysRequired();
        app.clientClassCreationEnabled = defaults.clientClassCreationEnabled();
        app.clientPushEnabled = defaults.clientPushEnabled();
        app.requireRevocableSessions = defaults.requireRevocableSessions();
        app.revokeSessionOnPasswordChange = defaults.revokeSessionOnPasswordChange();
        app.requestsPerSecond = config.apps().defaultRequestsPerSecond();
        app.retainDataDays = defaults.retainDataDays();
        app.createdAt = clock.instant();
        app.updatedAt = app.createdAt;
        changes.applyTo(app);
        return app;
    }

    private Uni<AppView> withStatus(App app) {
        return StoredAppStatus.<StoredAppStatus>findById(app.applicationId).map(status -> view(app, status));
    }

    private AppView view(App app, StoredAppStatus status) {
        String serverUrl = ServerUrls.of(config.publicApiUrl(), config.router().localHost(), config.router().localPort(),
            app.subdomain);
        return AppView.of(app, statusView(status), config.publicUrl().replaceAll("/+$", ""), serverUrl, clock.instant());
    }

    private AppView.StatusView statusView(StoredAppStatus status) {
        if (status == null) {
            return AppView.StatusView.PENDING;
        }
        try {
            return new AppView.StatusView(status.observedGeneration, status.ready,
                TenantConditions.of(json.readValue(status.conditions, CONDITIONS)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conditions of " + status.applicationId + " are not JSON", e);
        }
    }
}
