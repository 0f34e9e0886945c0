package dev.reparse.runtime.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** An app's mail server, templates and email flows ({@code reparse.email.*}); Parse Server's names in parentheses. */
@ConfigMapping(prefix = "reparse.email")
public interface EmailConfig {
    /** Whether new users and changed emails get a verification mail ({@code verifyUserEmails}). */
    @WithDefault("false")
    boolean verifyUserEmails();

    /** With verification on: unverified users cannot log in, and signup answers no session ({@code preventLoginWithUnverifiedEmail}). */
    @WithDefault("false")
    boolean preventLoginWithUnverifiedEmail();

    /** How long a verification link works, e.g. {@code 2h} ({@code emailVerifyTokenValidityDuration}); unset: forever. */
    Optional<Duration> verifyTokenValidity();

    /** A new verification request mails the still-valid link again ({@code emailVerifyTokenReuseIfValid}). */
    @WithDefault("false")
    boolean verifyTokenReuseIfValid();

    /** The API's public URL with its mount, e.g. {@code https://api.example.com/parse} ({@code publicServerURL}), for links. */
    Optional<String> publicServerUrl();

    /** The app's name in mails and pages ({@code appName}, parse.com's %appname%); default: the application ID. */
    Optional<String> appName();

    /** The sender address of the app's mails; required to send any. */
    Optional<String> fromAddress();

    /** The sender's display name; default: the app's name. */
    Optional<String> fromName();

    /** The SMTP server. */
    Smtp smtp();

    /** The mails' wording. */
    Templates templates();

    /** The look of the pages behind the links. */
    Pages pages();

    /** Where mail is handed over. */
    interface Smtp {
        /** The server's host name; unset: the app sends no mail (reset and verification requests answer error 1). */
        Optional<String> host();

        /** The server's port (587: submission with STARTTLS, 465: TLS, 25: relay). */
        @WithDefault("587")
        int port();

        /** {@code none}, {@code starttls} (required, never optional) or {@code tls} (from the first byte). */
        @WithDefault("starttls")
        String tls();

        /** The login, if the server wants one. */
        Optional<String> username();

        /** The password that goes with the login. */
        Optional<String> password();

        /** How long connecting, reading and writing may each take. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Subjects and bodies with %appname%, %link%, %email% and %username%; unset parts read as parse.com's. */
    interface Templates {
        /** The verification mail's subject. */
        Optional<String> verificationSubject();

        /** The verification mail's text. */
        Optional<String> verificationBody();

        /** The reset mail's subject. */
        Optional<String> passwordResetSubject();

        /** The reset mail's text. */
        Optional<String> passwordResetBody();
    }

    /** The pages' branding. */
    interface Pages {
        /** The accent color, {@code #rgb} or {@code #rrggbb}; default parse.com's blue. */
        Optional<String> color();

        /** An http(s) logo shown at the top of each page. */
        Optional<String> logoUrl();
    }
}
