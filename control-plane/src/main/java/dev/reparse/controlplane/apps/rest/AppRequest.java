package dev.reparse.controlplane.apps.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an app (OpenAPI description of create and update bodies). */
@Schema(name = "AppRequest", description = "Fields to set; absent ones keep their value. appName is required on create. "
    + "subdomain (a DNS label, unique among live apps) is derived from appName on create unless given, and changes "
    + "only when given: renaming keeps it. "
    + "An unknown field answers 400 naming it; a field the operator keeps (reparse.apps.account-settable) answers 403. "
    + "Changing a file, login or email field restarts the app's runtime.")
record AppRequest(String appName, String subdomain, Boolean clientClassCreationEnabled, Boolean clientPushEnabled,
        Boolean requireRevocableSessions, Boolean revokeSessionOnPasswordChange, Boolean clientKeysRequired,
        @Schema(description = "1 to the platform's reparse.apps.max-requests-per-second") Integer requestsPerSecond,
        @Schema(description = "IANA zone of the app's scheduled jobs (Europe/Berlin); UTC when unset") String timeZone,
        Boolean fileUploadEnableForPublic, Boolean fileUploadEnableForAnonymousUser,
        Boolean fileUploadEnableForAuthenticatedUser, Long fileUploadMaxBytes, List<String> fileUploadDeniedExtensions,
        @Schema(description = "0: no lockout") Integer accountLockoutThreshold, Integer accountLockoutDurationMinutes,
        String passwordPattern, Integer maxPasswordAgeDays, Integer maxPasswordHistory, Boolean verifyUserEmails,
        Boolean preventLoginWithUnverifiedEmail, Integer emailVerifyTokenValidityMinutes,
        Integer passwordResetTokenValidityMinutes, String emailSenderName,
        @Schema(description = "%appname%, %link%, %username%, %email%; empty: parse.com's wording")
        String verificationEmailSubject,
        String verificationEmailBody, String passwordResetEmailSubject, String passwordResetEmailBody) {
}
