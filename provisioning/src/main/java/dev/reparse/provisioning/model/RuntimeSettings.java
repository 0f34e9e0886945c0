package dev.reparse.provisioning.model;

import dev.reparse.provisioning.AppKeys;
import dev.reparse.provisioning.AppOptions;
import dev.reparse.provisioning.PlatformMail;
import dev.reparse.provisioning.AppSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an app's running runtime reads from its settings file ({@code reparse.config-file}) and
 * re-reads on change: its keys and the settings it enforces. Field names are the file's.
 */
public record RuntimeSettings(String appId, String appName, AppKeys keys, AppSettings settings,
        java.util.List<String> liveQueryClassNames) {
    /** Settings of an app named by its ID. */
    public RuntimeSettings(String appId, AppKeys keys, AppSettings settings) {
        this(appId, appId, keys, settings);
    }

    /** Settings of an app without live classes. */
    public RuntimeSettings(String appId, String appName, AppKeys keys, AppSettings settings) {
        this(appId, appName, keys, settings, java.util.List.of());
    }

    /** The same settings with these LiveQuery classes ({@code liveQuery.classNames}, applied without a restart). */
    public RuntimeSettings withLiveQueryClassNames(java.util.List<String> classNames) {
        return new RuntimeSettings(appId, appName, keys, settings, classNames);
    }

    public RuntimeSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
        liveQueryClassNames = liveQueryClassNames == null ? java.util.List.of() : java.util.List.copyOf(liveQueryClassNames);
    }

    /**
     * The file's content, as the tenant runtime's {@code dev.reparse.runtime.control} reader
     * expects it; empty keys are left out, as a key that is not set.
     */
    public Map<String, Object> toFileContent() {
        return toFileContent(PlatformMail.none());
    }

    /** As {@link #toFileContent()}, with the options the runtime reads at start and the platform's mail server. */
    public Map<String, Object> toFileContent(PlatformMail mail) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("appId", appId);
        putKey(content, "masterKey", keys.masterKey());
        putKey(content, "readOnlyMasterKey", keys.readOnlyMasterKey());
        putKey(content, "clientKey", keys.clientKey());
        putKey(content, "javascriptKey", keys.javascriptKey());
        putKey(content, "restKey", keys.restKey());
        putKey(content, "dotnetKey", keys.dotnetKey());
        putKey(content, "webhookKey", keys.webhookKey());
        putKey(content, "fileKey", keys.fileKey());
        keys.previousMasterKey().ifPresent(previous -> content.put("previousMasterKey",
                Map.of("key", previous.key(), "expiresAt", previous.validUntil().toString())));
        content.put("clientKeysRequired", settings.clientKeysRequired());
        content.put("allowClientClassCreation", settings.clientClassCreationEnabled());
        content.put("clientPushEnabled", settings.clientPushEnabled());
        content.put("requireRevocableSessions", settings.requireRevocableSessions());
        content.put("revokeSessionOnPasswordChange", settings.revokeSessionOnPasswordChange());
        content.put("liveQuery", Map.of("classNames", liveQueryClassNames));
        content.putAll(startOptions(mail, true));
        return content;
    }

    /**
     * The sections the runtime reads only at start ({@code files}, {@code accounts}, {@code email}, {@code graphql}); without secrets,
     * what a launch's fingerprint is computed from, so that changing one restarts the runtime.
     */
    public Map<String, Object> startOptions(PlatformMail mail, boolean withSecrets) {
        AppOptions options = settings.options();
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("enableForPublic", options.fileUploadEnableForPublic());
        files.put("enableForAnonymousUser", options.fileUploadEnableForAnonymousUser());
        files.put("enableForAuthenticatedUser", options.fileUploadEnableForAuthenticatedUser());
        files.put("maxUploadSize", options.fileUploadMaxBytes());
        files.put("deniedExtensions", options.fileUploadDeniedExtensions());
        Map<String, Object> accounts = new LinkedHashMap<>();
        if (options.accountLockoutThreshold() > 0) {
            accounts.put("lockoutThreshold", options.accountLockoutThreshold());
            accounts.put("lockoutDurationSeconds", options.accountLockoutDurationMinutes() * 60L);
            accounts.put("unlockOnPasswordReset", options.accountLockoutUnlockOnPasswordReset());
        }
        putText(accounts, "passwordPattern", options.passwordPattern());
        putText(accounts, "passwordPatternError", options.passwordPatternError());
        accounts.put("passwordNotContainingUsername", options.passwordNotContainingUsername());
        if (options.maxPasswordAgeDays() > 0) {
            accounts.put("maxPasswordAgeSeconds", options.maxPasswordAgeDays() * 86_400L);
        }
        accounts.put("maxPasswordHistory", options.maxPasswordHistory());
        if (options.passwordResetTokenValidityMinutes() > 0) {
            accounts.put("resetTokenValiditySeconds", options.passwordResetTokenValidityMinutes() * 60L);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("files", files);
        content.put("accounts", accounts);
        content.put("email", email(options, mail, withSecrets));
        content.put("graphql", Map.of("publicIntrospection", options.graphQLPublicIntrospection()));
        return content;
    }

    private Map<String, Object> email(AppOptions options, PlatformMail mail, boolean withSecrets) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("verifyUserEmails", options.verifyUserEmails());
        email.put("preventLoginWithUnverifiedEmail", options.preventLoginWithUnverifiedEmail());
        if (options.emailVerifyTokenValidityMinutes() > 0) {
            email.put("verifyTokenValiditySeconds", options.emailVerifyTokenValidityMinutes() * 60L);
        }
        email.put("appName", appName);
        mail.publicServerUrl().ifPresent(url -> email.put("publicServerURL", url));
        putText(email, "fromAddress", mail.fromAddress());
        putText(email, "fromName", options.emailSenderName());
        putText(email, "verificationSubject", options.verificationEmailSubject());
        putText(email, "verificationBody", options.verificationEmailBody());
        putText(email, "passwordResetSubject", options.passwordResetEmailSubject());
        putText(email, "passwordResetBody", options.passwordResetEmailBody());
        mail.smtp().ifPresent(smtp -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("host", smtp.host());
            server.put("port", smtp.port());
            server.put("tls", smtp.tls());
            smtp.username().ifPresent(username -> server.put("username", username));
            if (withSecrets) {
                smtp.password().ifPresent(password -> server.put("password", password));
            }
            email.put("smtp", server);
        });
        return email;
    }

    private static void putText(Map<String, Object> content, String name, String value) {
        if (!value.isEmpty()) {
            content.put(name, value);
        }
    }

    private static void putKey(Map<String, Object> content, String name, String value) {
        if (!value.isEmpty()) {
            content.put(name, value);
        }
    }
}
