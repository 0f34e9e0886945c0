package dev.reparse.runtime.email;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One app's email flows as plain values.
 *
 * @param publicServerUrl the API's public URL, mount path included (Parse Server's {@code publicServerURL}),
 *     which links in mails start with; empty: the URL the triggering request came in on
 * @param verifyTokenValidity how long a verification link works (Parse Server's {@code
 *     emailVerifyTokenValidityDuration}); empty: until used
 * @param verifyTokenReuseIfValid a new verification request mails the still-valid link again
 */
public record EmailSettings(String appId, Optional<String> publicServerUrl, MailMessage.Sender sender,
        Branding branding, MailTemplate verification, MailTemplate passwordReset,
        Optional<Duration> verifyTokenValidity, boolean verifyTokenReuseIfValid) {
    public EmailSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(publicServerUrl, "publicServerUrl");
        publicServerUrl = publicServerUrl.map(EmailSettings::withoutTrailingSlash);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(branding, "branding");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(passwordReset, "passwordReset");
        Objects.requireNonNull(verifyTokenValidity, "verifyTokenValidity");
        if (verifyTokenValidity.isPresent() && !verifyTokenValidity.get().isPositive()) {
            throw new IllegalArgumentException("emailVerifyTokenValidityDuration must be a positive number");
        }
        if (verifyTokenReuseIfValid && verifyTokenValidity.isEmpty()) {
            throw new IllegalArgumentException(
                    "You cannot use emailVerifyTokenReuseIfValid without emailVerifyTokenValidityDuration");
        }
    }

    /** The defaults for an app: parse.com's templates, links valid until used. */
    public static EmailSettings defaults(String appId, String senderAddress) {
        return new EmailSettings(appId, Optional.empty(), MailMessage.Sender.of(senderAddress, appId),
                Branding.of(appId, Optional.empty(), Optional.empty()), MailTemplate.DEFAULT_VERIFICATION,
                MailTemplate.DEFAULT_PASSWORD_RESET, Optional.empty(), false);
    }

    /** The URL mailed links start with: the configured public one, else the runtime's own. */
    public String serverUrl(String localServerUrl) {
        return publicServerUrl.orElseGet(() -> withoutTrailingSlash(localServerUrl));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
