package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.reparse.provisioning.AppOptions;
import dev.reparse.provisioning.Condition;
import java.time.Instant;
import java.util.List;

/**
 * An app as the Apps API answers it: parse.com's fields, then Reparse's ({@code serverURL}: its Parse API for the
 * SDKs and Parse Dashboard, {@code clientKeysRequired},
 * {@code requestsPerSecond}, {@code timeZone} (of its scheduled jobs),
 * {@code subdomain}, {@code generation}, {@code status}, and, for a few minutes after a
 * master key rotation, {@code previousMasterKeyValidUntil}: when the replaced master key stops working), then the
 * app's runtime options ({@link AppOptions}: file uploads, lockout, password policy, email) as top-level fields.
 */
public record AppView(String appName, String applicationId, String masterKey, String javascriptKey, String restKey,
        String clientKey, String windowsKey, String webhookKey, boolean clientClassCreationEnabled,
        boolean clientPushEnabled, boolean requireRevocableSessions, boolean revokeSessionOnPasswordChange,
        String dashboardURL, String serverURL, boolean clientKeysRequired, int requestsPerSecond, String timeZone,
        String subdomain, long generation, StatusView status, Instant previousMasterKeyValidUntil, @JsonUnwrapped AppOptions options) {

    /** What provisioning last observed; {@code observedGeneration < generation} means a change is still rolling out. */
    public record StatusView(long observedGeneration, boolean ready, List<Condition> conditions) {
        static final StatusView PENDING = new StatusView(0, false, List.of());
    }

    static AppView of(App app, StatusView status, String dashboardBase, String serverURL, Instant now) {
        Instant graceEnds = app.previousMasterKeyValidUntil;
        boolean inGrace = app.previousMasterKey != null && graceEnds != null && graceEnds.isAfter(now);
        return new AppView(app.name, app.applicationId, app.masterKey, app.javascriptKey, app.restKey, app.clientKey,
            app.windowsKey, app.webhookKey, app.clientClassCreationEnabled, app.clientPushEnabled,
            app.requireRevocableSessions, app.revokeSessionOnPasswordChange, dashboardBase + "/apps/" + app.applicationId,
            serverURL, app.clientKeysRequired, app.requestsPerSecond,
            app.timeZone == null ? "UTC" : app.timeZone, app.subdomain, app.generation, status,
            inGrace ? graceEnds : null, StoredOptions.read(app.options));
    }
}
