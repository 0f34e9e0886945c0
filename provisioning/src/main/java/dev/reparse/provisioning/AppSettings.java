package dev.reparse.provisioning;

/**
 * The per-app settings a tenant runtime and the router apply; changing one reaches the running
 * runtime without a restart.
 *
 * @param clientKeysRequired parse.com's default: a request needs one of the app's client keys, not just its ID
 * @param requestsPerSecond the plan's request limit, enforced by the router (parse.com free plan: 30)
 * @param retainDataDays on delete, keep the database and bucket this many days (0 = drop at once)
 * @param options what the runtime reads at start (files, lockout, password policy, email); a change restarts it
 */
public record AppSettings(boolean clientKeysRequired, boolean clientClassCreationEnabled, boolean clientPushEnabled,
        boolean requireRevocableSessions, boolean revokeSessionOnPasswordChange, int requestsPerSecond,
        int retainDataDays, AppOptions options) {
    /** Settings with the default {@link AppOptions}. */
    public AppSettings(boolean clientKeysRequired, boolean clientClassCreationEnabled, boolean clientPushEnabled,
            boolean requireRevocableSessions, boolean revokeSessionOnPasswordChange, int requestsPerSecond,
            int retainDataDays) {
        this(clientKeysRequired, clientClassCreationEnabled, clientPushEnabled, requireRevocableSessions,
                revokeSessionOnPasswordChange, requestsPerSecond, retainDataDays, AppOptions.defaults());
    }

    public AppSettings {
        java.util.Objects.requireNonNull(options, "options");
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 1, got " + requestsPerSecond);
        }
        if (retainDataDays < 0) {
            throw new IllegalArgumentException("retainDataDays must not be negative, got " + retainDataDays);
        }
    }

    /** parse.com's defaults for a new app on the free plan. */
    public static AppSettings defaults() {
        return new AppSettings(true, false, false, true, true, 30, 0);
    }
}
