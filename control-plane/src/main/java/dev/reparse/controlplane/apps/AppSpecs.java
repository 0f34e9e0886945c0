package dev.reparse.controlplane.apps;

import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppSettings;
import dev.reparse.provisioning.AppSpec;
import dev.reparse.provisioning.CloudCodeRelease;
import java.time.Instant;
import java.util.Optional;

/** Maps a stored app to the spec provisioning reconciles. */
final class AppSpecs {
    private AppSpecs() {
    }

    /** The spec of that app; a replaced master key travels along until its grace period ends. */
    static AppSpec of(App app, Instant now) {
        Optional<AppKeys.RetiredKey> previous = Optional.empty();
        if (app.previousMasterKey != null && app.previousMasterKeyValidUntil != null
            && now.isBefore(app.previousMasterKeyValidUntil)) {
            previous = Optional.of(new AppKeys.RetiredKey(app.previousMasterKey, app.previousMasterKeyValidUntil));
        }
        AppKeys keys = new AppKeys(app.masterKey, app.readOnlyMasterKey, app.clientKey, app.javascriptKey, app.restKey,
            app.windowsKey, app.webhookKey, app.fileKey, previous);
        AppSettings settings = new AppSettings(app.clientKeysRequired, app.clientClassCreationEnabled,
            app.clientPushEnabled, app.requireRevocableSessions, app.revokeSessionOnPasswordChange,
            app.requestsPerSecond, app.retainDataDays, StoredOptions.read(app.options));
        Optional<CloudCodeRelease> code = app.cloudCodeVersion == null ? Optional.empty()
            : Optional.of(new CloudCodeRelease(app.cloudCodeVersion, app.cloudCodeSha256));
        return new AppSpec(app.applicationId, app.generation, app.name, keys, settings, app.deleted)
            .withCloudCode(code);
    }
}
