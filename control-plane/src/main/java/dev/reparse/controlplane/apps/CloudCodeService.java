package dev.reparse.controlplane.apps;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.errors.TextInput;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.provisioning.cloud.CodeArchive;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.cloud.CodeLimits;
import dev.reparse.provisioning.cloud.CodeSummary;
import dev.reparse.provisioning.cloud.InvalidCodeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Apps' Cloud Code: an upload is checked (off the event loop: a zip is read whole), stored in PostgreSQL as the app's
 * next version, and becomes the app's current release, a change of its desired state that provisioning rolls out.
 * Versions count per app; the app row is locked while one is assigned, so replicas never hand out a number twice.
 */
@Singleton
public final class CloudCodeService {
    /** The longest release message. */
    public static final int MAX_MESSAGE = 500;
    private final AppService apps;
    private final ControlPlaneConfig config;
    private final Clock clock;
    private final Vertx vertx;

    CloudCodeService(AppService apps, ControlPlaneConfig config, Clock clock, Vertx vertx) {
        this.apps = apps;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** The limits uploads are checked against, from {@code reparse.cloud-code.*}. */
    public static CodeLimits limits(ControlPlaneConfig config) {
        ControlPlaneConfig.CloudCode code = config.cloudCode();
        return new CodeLimits(code.maxUploadSize().asLongValue(), code.maxUnpackedSize().asLongValue(), code.maxFiles());
    }

    /** Stores the bundle as the app's next version and makes it current; 400 with the reason when it is refused. */
    public Uni<CloudCodeView> upload(Account owner, String applicationId, CodeBundle bundle) {
        return store(owner, applicationId, bundle, null).map(CloudCodeView::of);
    }

    /** {@link #upload} with a message (checked: at most 500 characters, no control characters), as a release. */
    public Uni<ReleaseView> release(Account owner, String applicationId, CodeBundle bundle, String message) {
        return store(owner, applicationId, bundle, message)
            .map(version -> ReleaseView.of(version, version.version, null));
    }

    /** The app's releases, newest first. */
    public Uni<List<ReleaseView>> releases(Account owner, String applicationId) {
        return Panache.withSession(() -> AppService.owned(owner, applicationId)
            .flatMap(app -> CloudCodeVersion.<CloudCodeVersion>find("applicationId = ?1 order by version desc",
                    applicationId).list()
                .map(versions -> versions.stream().map(v -> ReleaseView.of(v, app.cloudCodeVersion, null)).toList())));
    }

    /** One release with its files; 404 (code 101) when the app has no such version (any more). */
    public Uni<ReleaseView> release(Account owner, String applicationId, long number) {
        return Panache.withSession(() -> AppService.owned(owner, applicationId)
            .flatMap(app -> version(applicationId, number)
                .flatMap(version -> CloudCodeContent.<CloudCodeContent>findById(version.id)
                    .map(content -> new Found(app.cloudCodeVersion, version, content)))))
            .flatMap(found -> Uni.createFrom().completionStage(() -> vertx.executeBlocking(
                    () -> ReleaseEntries.of(found.version, found.content == null ? null : found.content.content), false)
                .toCompletionStage())
                .map(entries -> ReleaseView.of(found.version, found.active, entries)));
    }

    /**
     * One file of a release, for reading (the first {@code maxBytes}); 404 (code 101) when the release or the file is
     * not there.
     */
    public Uni<byte[]> file(Account owner, String applicationId, long number, String path, int maxBytes) {
        return Panache.withSession(() -> AppService.owned(owner, applicationId)
            .flatMap(app -> version(applicationId, number)
                .flatMap(version -> CloudCodeContent.<CloudCodeContent>findById(version.id)
                    .map(content -> new Found(app.cloudCodeVersion, version, content)))))
            .flatMap(found -> Uni.createFrom().completionStage(() -> vertx.executeBlocking(
                    () -> ReleaseEntries.file(found.version, found.content == null ? null : found.content.content, path,
                        maxBytes).orElse(null), false)
                .toCompletionStage()))
            .onItem().ifNull().failWith(() -> new ApiException(404, ParseErrorCode.OBJECT_NOT_FOUND,
                "Release " + number + " has no file " + path + "."));
    }

    /**
     * Makes an earlier (or later) release the app's current code: the app's generation bumps and provisioning deploys
     * it. Activating the current release changes nothing.
     */
    public Uni<ReleaseView> activate(Account owner, String applicationId, long number) {
        return Panache.withSession(() -> AppService.owned(owner, applicationId)
                .flatMap(app -> version(applicationId, number).map(version -> new Stored(app, version))))
            .flatMap(found -> found.app.cloudCodeVersion != null && found.app.cloudCodeVersion == number
                ? Uni.createFrom().item(ReleaseView.of(found.version, number, null))
                : apps.commit(() -> lockOwned(owner, applicationId)
                    .flatMap(app -> version(applicationId, number).map(version -> {
                        app.cloudCodeVersion = version.version;
                        app.cloudCodeSha256 = version.sha256;
                        app.generation++;
                        app.updatedAt = clock.instant();
                        return new Stored(app, version);
                    })), stored -> stored.app)
                .map(stored -> ReleaseView.of(stored.version, number, null)));
    }

    private static Uni<CloudCodeVersion> version(String applicationId, long number) {
        return CloudCodeVersion.<CloudCodeVersion>find("applicationId = ?1 and version = ?2", applicationId, number)
            .firstResult()
            .onItem().ifNull().failWith(() -> new ApiException(404, ParseErrorCode.OBJECT_NOT_FOUND,
                "The app has no release " + number + "."));
    }

    private static Uni<App> lockOwned(Account owner, String applicationId) {
        return App.<App>findById(applicationId, LockModeType.PESSIMISTIC_WRITE)
            .map(app -> app == null || app.deleted || !app.accountId.equals(owner.id) ? null : app)
            .onItem().ifNull().failWith(ApiException::appNotFound);
    }

    private Uni<CloudCodeVersion> store(Account owner, String applicationId, CodeBundle bundle, String message) {
        String text = message == null || message.isBlank() ? null
            : TextInput.require("message", message, MAX_MESSAGE, ParseErrorCode.VALIDATION_ERROR).strip();
        return Panache.withSession(() -> AppService.owned(owner, applicationId))
            .flatMap(ignored -> check(bundle))
            .flatMap(summary -> apps.commit(() -> store(owner, applicationId, bundle, summary, text),
                version -> version.app))
            .map(stored -> stored.version);
    }

    /** The app's current version; 404 when it has none. */
    public Uni<CloudCodeView> current(Account owner, String applicationId) {
        return Panache.withSession(() -> AppService.owned(owner, applicationId)
            .flatMap(app -> app.cloudCodeVersion == null ? Uni.createFrom().<CloudCodeVersion>nullItem()
                : CloudCodeVersion.<CloudCodeVersion>find("applicationId = ?1 and version = ?2", applicationId,
                    app.cloudCodeVersion).firstResult()))
            .onItem().ifNull().failWith(() -> new ApiException(404, ParseErrorCode.OBJECT_NOT_FOUND,
                "The app has no Cloud Code yet."))
            .map(CloudCodeView::of);
    }

    private Uni<CodeSummary> check(CodeBundle bundle) {
        CodeLimits limits = limits(config);
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> CodeArchive.inspect(bundle, limits),
                false).toCompletionStage())
            .onFailure(InvalidCodeException.class).transform(e -> refusal((InvalidCodeException) e));
    }

    private static ApiException refusal(InvalidCodeException e) {
        int code = e.reason() == InvalidCodeException.Reason.TOO_LARGE ? ParseErrorCode.FILE_TOO_LARGE
            : ParseErrorCode.VALIDATION_ERROR;
        return ApiException.invalid(code, "Cloud Code refused: " + e.getMessage() + ".");
    }

    /** A release read with the app's active version and its content. */
    private record Found(Long active, CloudCodeVersion version, CloudCodeContent content) {
    }

    /** A stored version and the app it became current on. */
    private record Stored(App app, CloudCodeVersion version) {
    }

    private Uni<Stored> store(Account owner, String applicationId, CodeBundle bundle, CodeSummary summary,
            String message) {
        return lockOwned(owner, applicationId)
            .flatMap(app -> CloudCodeVersion.<CloudCodeVersion>find("applicationId = ?1 order by version desc",
                    applicationId).firstResult()
                .flatMap(latest -> {
                    CloudCodeVersion version = newVersion(owner, app, latest == null ? 1 : latest.version + 1, bundle,
                        summary);
                    version.message = message;
                    app.cloudCodeVersion = version.version;
                    app.cloudCodeSha256 = version.sha256;
                    app.generation++;
                    app.updatedAt = version.uploadedAt;
                    version.appGeneration = app.generation;
                    return version.<CloudCodeVersion>persist()
                        .flatMap(saved -> content(saved, bundle).persist())
                        .flatMap(ignored -> prune(applicationId, version.version))
                        .replaceWith(new Stored(app, version));
                }));
    }

    private CloudCodeVersion newVersion(Account owner, App app, long number, CodeBundle bundle, CodeSummary summary) {
        CloudCodeVersion version = new CloudCodeVersion();
        version.applicationId = app.applicationId;
        version.version = number;
        version.format = bundle.format().name().toLowerCase(Locale.ROOT);
        version.sha256 = bundle.sha256();
        version.size = bundle.content().length;
        version.files = summary.files();
        version.unpackedSize = summary.unpackedBytes();
        version.main = summary.main();
        version.uploadedByAccount = owner.id;
        version.uploadedByEmail = owner.email;
        version.uploadedAt = clock.instant();
        return version;
    }

    private static CloudCodeContent content(CloudCodeVersion version, CodeBundle bundle) {
        CloudCodeContent content = new CloudCodeContent();
        content.versionId = version.id;
        content.content = bundle.content();
        return content;
    }

    /**
     * Deletes the releases older than the kept ones (their content goes too, on delete cascade). Run when the newest
     * has just become the active one, which is never among them.
     */
    private Uni<Long> prune(String applicationId, long newest) {
        long oldestKept = newest - Math.max(1, config.cloudCode().keepReleases()) + 1;
        return CloudCodeVersion.delete("applicationId = ?1 and version < ?2 and version <> ?3", applicationId,
            oldestKept, newest);
    }
}
