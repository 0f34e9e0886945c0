package dev.reparse.runtime.email;

import dev.reparse.runtime.accounts.AccountRules;
import dev.reparse.runtime.accounts.AccountsConfig;
import dev.reparse.runtime.accounts.LockoutPolicy;
import dev.reparse.runtime.accounts.LoginGuard;
import dev.reparse.runtime.accounts.PasswordChanges;
import dev.reparse.runtime.accounts.PasswordHashes;
import dev.reparse.runtime.accounts.PasswordPolicy;
import dev.reparse.runtime.accounts.UserRecords;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.users.PasswordHasher;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Builds an app's account services (mail, email flows, lockout, password policy) from its configuration. */
public final class EmailSetup {
    private static final Logger LOG = Logger.getLogger(EmailSetup.class);

    private EmailSetup() {
    }

    /** Everything the routes and the {@code _User} handler need; closing it stops the mail senders. */
    public record AccountServices(AccountRules rules, PasswordChanges passwords, LoginGuard login, EmailFlows email,
            Optional<Outbox> outbox) implements AutoCloseable {
        /** The {@code _User} handler that must run after the users feature's (which {@link #start} can not know yet). */
        public void registerAfterUsers(AppContext app) {
            app.hooks().register(UserRecords.CLASS, new VerificationMail(email));
        }

        @Override
        public void close() {
            outbox.ifPresent(Outbox::close);
        }
    }

    /**
     * Builds the services and registers the {@code _User} handler that must run before the users
     * feature's; call before installing users, then {@link AccountServices#registerAfterUsers}.
     * {@code localServerUrl} starts mailed links when no public URL is configured (never a request's Host).
     */
    public static AccountServices start(EmailConfig email, AccountsConfig accounts, AppContext app,
            PasswordHashes hashes, String localServerUrl) {
        AccountRules rules = rules(email, accounts);
        UserRecords users = new UserRecords(app.storage(), app.schemas());
        PasswordChanges passwords = new PasswordChanges(rules.passwordPolicy(), hashes, app.clock());
        EmailSettings settings = settings(email, app.settings().appId());
        Optional<Outbox> outbox = email.smtp().host().map(host -> new Outbox(
                new SmtpMailer(smtp(email.smtp(), host), app.clock()), app.settings().appId()));
        if (outbox.isEmpty() && rules.verifyUserEmails()) {
            LOG.warn("reparse.email.verify-user-emails is on but no reparse.email.smtp.host is set: no mail goes out");
        }
        EmailFlows flows = new EmailFlows(new EmailFlows.Parts(settings, rules, users, passwords, outbox, app.clock(),
                new SecureRandom(), localServerUrl));
        app.hooks().register(UserRecords.CLASS, new AccountHooks(flows));
        outbox.ifPresent(box -> LOG.infof("mail via SMTP %s:%d (%s)", email.smtp().host().get(), email.smtp().port(),
                email.smtp().tls()));
        return new AccountServices(rules, passwords, new LoginGuard(users, rules, app.clock()), flows, outbox);
    }

    /** Parse Server's bcrypt, as the users feature stores it. */
    public static PasswordHashes bcrypt() {
        PasswordHasher hasher = new PasswordHasher();
        return new PasswordHashes() {
            @Override
            public String hash(String password) {
                return hasher.hash(password);
            }

            @Override
            public boolean matches(String password, String hash) {
                return hasher.matches(password, hash);
            }
        };
    }

    static AccountRules rules(EmailConfig email, AccountsConfig accounts) {
        Optional<LockoutPolicy> lockout = accounts.lockoutThreshold().isPresent()
                ? Optional.of(new LockoutPolicy(accounts.lockoutThreshold().getAsInt(), accounts.lockoutDuration(),
                        accounts.unlockOnPasswordReset()))
                : Optional.empty();
        PasswordPolicy policy = new PasswordPolicy(accounts.passwordPattern().map(Pattern::compile),
                accounts.passwordPatternError(), accounts.passwordNotContainingUsername(), accounts.maxPasswordAge(),
                accounts.maxPasswordHistory(), accounts.resetTokenValidity(), accounts.resetTokenReuseIfValid(),
                accounts.maxPasswordLength());
        return new AccountRules(email.verifyUserEmails(), email.preventLoginWithUnverifiedEmail(), lockout, policy);
    }

    static EmailSettings settings(EmailConfig email, String appId) {
        String appName = email.appName().orElse(appId);
        EmailConfig.Templates templates = email.templates();
        MailTemplate verification = new MailTemplate(
                templates.verificationSubject().orElse(MailTemplate.DEFAULT_VERIFICATION.subject()),
                templates.verificationBody().orElse(MailTemplate.DEFAULT_VERIFICATION.body()));
        MailTemplate reset = new MailTemplate(
                templates.passwordResetSubject().orElse(MailTemplate.DEFAULT_PASSWORD_RESET.subject()),
                templates.passwordResetBody().orElse(MailTemplate.DEFAULT_PASSWORD_RESET.body()));
        String from = email.fromAddress().orElseGet(() -> {
            if (email.smtp().host().isPresent()) {
                throw new IllegalArgumentException("reparse.email.from-address is required with an SMTP host");
            }
            return "no-reply@localhost";
        });
        return new EmailSettings(appId, email.publicServerUrl(), MailMessage.Sender.of(from,
                email.fromName().orElse(appName)), Branding.of(appName, email.pages().color(),
                email.pages().logoUrl()), verification, reset, email.verifyTokenValidity(),
                email.verifyTokenReuseIfValid());
    }

    static SmtpSettings smtp(EmailConfig.Smtp smtp, String host) {
        return new SmtpSettings(host, smtp.port(), SmtpSettings.Tls.of(smtp.tls()), smtp.username(), smtp.password(),
                smtp.timeout());
    }
}
