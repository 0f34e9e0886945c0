package dev.reparse.runtime.email;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.accounts.AccountRules;
import dev.reparse.runtime.accounts.PasswordChanges;
import dev.reparse.runtime.accounts.UserRecords;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Email verification and password reset for one app, transport-free: what {@code
 * /verificationEmailRequest}, {@code /requestPasswordReset}, the {@code /apps/...} pages and signup
 * call. Tokens live on {@code _User} in Parse Server's fields, so links mailed by Parse Server keep
 * working after the database moves here, and back.
 */
public final class EmailFlows {
    public static final String NOT_CONFIGURED = "An appName, publicServerURL, and emailAdapter are required for password "
            + "reset and email verification functionality.";

    private final EmailSettings settings;

    /**
     * The answer while the app has no mail server: Parse Server's code 1 and words, so SDKs show what they always
     * showed, but HTTP 400 instead of its 500: the request is fine, the app's configuration lacks mail, nothing broke.
     */
    public static ParseException notConfigured() {
        return new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, NOT_CONFIGURED, 400);
    }
    private final AccountRules rules;
    private final UserRecords users;
    private final PasswordChanges passwords;
    private final Optional<Outbox> outbox;
    private final Tokens tokens;
    private final Clock clock;
    private final String localServerUrl;

    /**
     * What the flows work with; {@code outbox} empty when the app has no mail server configured;
     * {@code localServerUrl} starts mailed links when no public URL is set.
     */
    public record Parts(EmailSettings settings, AccountRules rules, UserRecords users, PasswordChanges passwords,
            Optional<Outbox> outbox, Clock clock, RandomGenerator random, String localServerUrl) {
        public Parts {
            Objects.requireNonNull(localServerUrl, "localServerUrl");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(passwords, "passwords");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
        }
    }

    public EmailFlows(Parts parts) {
        this.settings = parts.settings();
        this.rules = parts.rules();
        this.users = parts.users();
        this.passwords = parts.passwords();
        this.outbox = parts.outbox();
        this.tokens = new Tokens(parts.random());
        this.clock = parts.clock();
        this.localServerUrl = parts.localServerUrl();
    }

    public AccountRules rules() {
        return rules;
    }

    public PasswordChanges passwords() {
        return passwords;
    }

    public UserRecords users() {
        return users;
    }

    public EmailSettings settings() {
        return settings;
    }

    // ---- verification ----

    /**
     * The fields a new user (or a user whose email changes) is stored with when the app verifies
     * emails: {@code emailVerified: false} and a fresh token; empty when it does not.
     */
    public Map<String, Object> verificationFields() {
        if (!rules.verifyUserEmails()) {
            return Map.of();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("emailVerified", false);
        fields.put("_email_verify_token", tokens.next());
        settings.verifyTokenValidity().ifPresent(validity ->
                fields.put("_email_verify_token_expires_at", UserRecords.date(clock.instant().plus(validity))));
        return fields;
    }

    /** Mails the verification link for a stored user that carries a token; nothing without one or without mail. */
    public void sendVerification(Map<String, Object> user) {
        if (outbox.isEmpty() || !(user.get("_email_verify_token") instanceof String token)
                || !(user.get("email") instanceof String email)) {
            return;
        }
        String link = link("verify_email", token, username(user));
        post(settings.verification(), email, user, link);
    }

    /** {@code POST /verificationEmailRequest}: a new link for an unverified email, with Parse Server's errors. */
    public void requestVerificationEmail(Object email) {
        String address = requireEmail(email);
        // Parse Server 9 (emailVerifySuccessOnInvalidEmail): the same empty answer for unknown and
        // already verified emails, so the endpoint tells nobody which addresses have accounts
        Optional<Map<String, Object>> found = users.findOne(Map.of("email", address));
        if (found.isEmpty() || Boolean.TRUE.equals(found.get().get("emailVerified")) || !rules.verifyUserEmails()) {
            return;
        }
        Map<String, Object> user = found.get();
        if (!(settings.verifyTokenReuseIfValid() && stillValid(user, "_email_verify_token",
                "_email_verify_token_expires_at"))) {
            user = users.updateWhere(Map.of("objectId", user.get("objectId")), verificationFields()).orElse(user);
        }
        sendVerification(user);
    }

    /** The link in a verification mail was followed: true when it verified the email (or it already was). */
    public boolean verifyEmail(String username, String token) {
        if (!rules.verifyUserEmails() || blank(username) || blank(token)) {
            return false;
        }
        Optional<Map<String, Object>> user = users.findOne(Map.of("username", username));
        if (user.isEmpty()) {
            return false;
        }
        // a used link is invalid, as in Parse Server 9: the token is gone once it verified
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", user.get().get("objectId"));
        where.put("_email_verify_token", token);
        if (settings.verifyTokenValidity().isPresent()) {
            where.put("_email_verify_token_expires_at", Map.of("$gt", UserRecords.date(clock.instant())));
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("emailVerified", true);
        update.put("_email_verify_token", UserRecords.delete());
        update.put("_email_verify_token_expires_at", UserRecords.delete());
        return users.updateWhere(where, update).isPresent();
    }

    /** The "resend" button of an expired link's page: a new link when the user exists and is unverified. */
    public void resendVerification(String username) {
        if (blank(username)) {
            return;
        }
        users.findOne(Map.of("username", username))
                .filter(user -> !Boolean.TRUE.equals(user.get("emailVerified")))
                .filter(user -> user.get("email") instanceof String)
                .ifPresent(user -> requestVerificationEmail(user.get("email")));
    }

    // ---- password reset ----

    /**
     * {@code POST /requestPasswordReset}: mails a reset link to the user with that email (or that
     * username, for users without an email). Answers the same whether or not such a user exists.
     */
    public void requestPasswordReset(Object email) {
        requestPasswordReset(email, user -> { });
    }

    /** As {@link #requestPasswordReset(Object)}; {@code beforeReset} sees the user first and may refuse. */
    public void requestPasswordReset(Object email, java.util.function.Consumer<Map<String, Object>> beforeReset) {
        String address = requireEmail(email);
        Optional<Map<String, Object>> found = users.findOne(Map.of("$or", List.of(Map.of("email", address),
                Map.of("username", address, "email", Map.of("$exists", false)))));
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> user = found.get();
        beforeReset.accept(user);
        boolean reuse = passwords.policy().resetTokenReuseIfValid()
                && stillValid(user, "_perishable_token", "_perishable_token_expires_at");
        if (!reuse) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("_perishable_token", tokens.next());
            passwords.policy().resetTokenValidity().ifPresent(validity ->
                    token.put("_perishable_token_expires_at", UserRecords.date(clock.instant().plus(validity))));
            user = users.updateWhere(Map.of("objectId", user.get("objectId")), token).orElse(user);
        }
        String link = link("request_password_reset", (String) user.get("_perishable_token"), username(user));
        String to = user.get("email") instanceof String mail ? mail : username(user);
        post(settings.passwordReset(), to, user, link);
    }

    /** Whether a reset link (username and token) is one that can still set a password. */
    public boolean resetLinkValid(String username, String token) {
        return resetUser(username, token).isPresent();
    }

    /**
     * Sets a new password through a reset link. Empty when the link is unknown, used or expired;
     * 142 when the policy refuses the password. Of concurrent uses of one link, exactly one succeeds:
     * the update is conditional on the token still being stored.
     */
    public Optional<String> resetPassword(String username, String token, String newPassword) {
        Optional<Map<String, Object>> user = resetUser(username, token);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> update = new LinkedHashMap<>(passwords.forChange(user.get(), newPassword));
        rules.lockout().filter(lockout -> lockout.unlockOnPasswordReset()).ifPresent(lockout -> {
            update.put("_failed_login_count", UserRecords.delete());
            update.put("_account_lockout_expires_at", UserRecords.delete());
        });
        String userId = (String) user.get().get("objectId");
        Map<String, Object> where = new LinkedHashMap<>(tokenWhere(username, token));
        where.put("objectId", userId);
        if (users.updateWhere(where, update).isEmpty()) {
            return Optional.empty();
        }
        users.deleteSessions(userId);
        return Optional.of(userId);
    }

    private Optional<Map<String, Object>> resetUser(String username, String token) {
        if (blank(username) || blank(token)) {
            return Optional.empty();
        }
        return users.findOne(tokenWhere(username, token));
    }

    private Map<String, Object> tokenWhere(String username, String token) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("username", username);
        where.put("_perishable_token", token);
        if (passwords.policy().resetTokenValidity().isPresent()) {
            where.put("_perishable_token_expires_at", Map.of("$gt", UserRecords.date(clock.instant())));
        }
        return where;
    }

    // ---- shared ----

    private String requireEmail(Object email) {
        if (outbox.isEmpty()) {
            throw notConfigured();
        }
        if (email == null || "".equals(email)) {
            throw new ParseException(ParseErrorCode.EMAIL_MISSING, "you must provide an email");
        }
        if (!(email instanceof String address)) {
            throw new ParseException(ParseErrorCode.INVALID_EMAIL_ADDRESS, "you must provide a valid email string");
        }
        return address;
    }

    private boolean stillValid(Map<String, Object> user, String tokenField, String expiresField) {
        Instant now = clock.instant();
        return user.get(tokenField) instanceof String
                && UserRecords.instant(user.get(expiresField)).map(expires -> expires.isAfter(now)).orElse(false);
    }

    /**
     * {@code <server URL>/apps/<app id>/<page>?token=...&username=...}, as Parse Server builds it, from
     * the configured public URL or else the runtime's own URL, never from a request's {@code Host}: a
     * forged Host would mail the victim a link carrying their token to the attacker's site (Parse
     * Server builds links from the request when no publicServerURL is set; safer than Parse Server).
     */
    private String link(String page, String token, String username) {
        String server = settings.serverUrl(localServerUrl);
        return server + "/apps/" + encode(settings.appId()) + "/" + page
                + "?token=" + encode(token) + "&username=" + encode(username);
    }

    private void post(MailTemplate template, String to, Map<String, Object> user, String link) {
        MailTemplate.Values values = new MailTemplate.Values(settings.branding().appName(), link,
                user.get("email") instanceof String mail ? mail : "", username(user));
        try {
            outbox.orElseThrow().post(MailMessage.text(settings.sender(), to, template.subject(values),
                    template.body(values)));
        } catch (IllegalArgumentException e) {
            // no usable recipient (a username that is no address): nothing to send, as with a failing server
            org.jboss.logging.Logger.getLogger(EmailFlows.class).warnf("no mail sent: %s", e.getMessage());
        }
    }

    private static String username(Map<String, Object> user) {
        return user.get("username") instanceof String name ? name : "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
