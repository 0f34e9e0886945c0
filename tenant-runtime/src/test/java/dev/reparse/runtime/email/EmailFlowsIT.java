package dev.reparse.runtime.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.reparse.runtime.accounts.AccountRules;
import dev.reparse.runtime.accounts.LockoutPolicy;
import dev.reparse.runtime.accounts.PasswordPolicy;
import dev.reparse.runtime.email.pages.EmailPages;
import dev.reparse.runtime.http.ApiResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The email flows end to end: a real SMTP server (GreenMail) receives the mail, the test follows
 * the link in it to the pages served over HTTP (Vert.x, as the runtime mounts them), and the API
 * runs over the real core, users feature and Mongo adapter (mongo-java-server).
 */
class EmailFlowsIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final Pattern LINK = Pattern.compile("(http://\\S+)");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Vertx vertx;
    private HttpServer server;
    private ExecutorService executor;
    private volatile EmailTestApp app;
    private String base;

    @BeforeEach
    void startPages() throws Exception {
        vertx = Vertx.vertx();
        executor = Executors.newVirtualThreadPerTaskExecutor();
        Router router = Router.router(vertx);
        new EmailPages(EmailTestApp.APP_ID, "/parse", () -> app.flows, executor).install(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort() + "/parse";
    }

    @AfterEach
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        executor.shutdownNow();
        if (app != null) {
            app.outbox.close();
        }
    }

    private EmailTestApp app(AccountRules rules) {
        return app(rules, EmailSettings.defaults(EmailTestApp.APP_ID, "no-reply@mailapp.test"));
    }

    private EmailTestApp app(AccountRules rules, EmailSettings settings) {
        app = new EmailTestApp(rules, settings, SmtpSettings.plain("127.0.0.1", SMTP.getSmtp().getPort()), base);
        return app;
    }

    private static AccountRules rules(boolean verify, boolean prevent, LockoutPolicy lockout, PasswordPolicy policy) {
        return new AccountRules(verify, prevent, Optional.ofNullable(lockout), policy);
    }

    private static PasswordPolicy resetValidFor(Duration validity) {
        return new PasswordPolicy(Optional.empty(), Optional.empty(), false, Optional.empty(), 0,
                Optional.of(validity), false);
    }

    private MimeMessage awaitMail(int count) {
        assertTrue(SMTP.waitForIncomingEmail(10_000, count), "expected " + count + " mail(s)");
        MimeMessage[] received = SMTP.getReceivedMessages();
        return received[received.length - 1];
    }

    private static String linkIn(MimeMessage mail) throws Exception {
        Matcher matcher = LINK.matcher((String) mail.getContent());
        assertTrue(matcher.find(), "no link in the mail");
        return matcher.group(1);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertTrue(matcher.find(), name + " in " + url);
        return java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private static Object code(ApiResponse response) {
        return ((Map<?, ?>) response.body()).get("code");
    }

    private String requestResetLink(String email, int mailsSoFar) throws Exception {
        assertEquals(Map.of(), app.call("POST", "/requestPasswordReset", Map.of("email", email), false).body());
        return linkIn(awaitMail(mailsSoFar + 1));
    }

    private HttpResponse<String> choose(String username, String token, String password) throws Exception {
        return postForm("/apps/" + EmailTestApp.APP_ID + "/request_password_reset",
                Map.of("username", username, "token", token, "new_password", password));
    }

    /** Parse Server without publicServerURL builds the link from the request's Host: safer than Parse Server. */
    @Test
    void mailedLinksNeverTakeTheRequestsHost() throws Exception {
        app(new AccountRules(true, false, Optional.empty(), PasswordPolicy.none()));
        assertEquals(201, app.signUp("host", "host@example.com", "secret").status());
        awaitMail(1); // the sign-up's verification mail
        int mails = 1;
        String forged = "http://attacker.example/parse";
        assertEquals(200, app.callFrom(forged, "POST", "/requestPasswordReset", Map.of("email", "host@example.com"))
                .status());
        String reset = linkIn(awaitMail(mails + 1));
        assertTrue(reset.startsWith(base + "/apps/mailapp/request_password_reset?token="), reset);
        assertEquals(200, app.callFrom(forged, "POST", "/verificationEmailRequest",
                Map.of("email", "host@example.com")).status());
        String verify = linkIn(awaitMail(mails + 2));
        assertTrue(verify.startsWith(base + "/apps/mailapp/verify_email?token="), verify);
    }

    @Test
    void aResetLinkFromTheMailLeadsToAFormWhosePasswordThenLogsIn() throws Exception {
        app(AccountRules.defaults());
        assertEquals(201, app.signUp("sean", "sean@example.com", "old-secret").status());
        String link = requestResetLink("sean@example.com", 0);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("Password Reset for mailapp", mail.getSubject());
        assertEquals("sean@example.com", mail.getAllRecipients()[0].toString());
        assertTrue(link.startsWith(base + "/apps/mailapp/request_password_reset?token="), link);

        HttpResponse<String> followed = get(link);
        assertEquals(302, followed.statusCode());
        String form = followed.headers().firstValue("Location").orElseThrow();
        assertTrue(form.startsWith("/parse/apps/mailapp/choose_password?token="), form);
        HttpResponse<String> page = get("http://127.0.0.1:" + server.actualPort() + form);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"new_password\""), page.body());
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());

        HttpResponse<String> done = postForm("/apps/mailapp/choose_password", Map.of("username", "sean",
                "token", query(link, "token"), "new_password", "new-secret", "confirm_password", "new-secret"));
        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("Your password has been changed."), done.body());
        assertEquals(101, code(app.logIn("sean", "old-secret")));
        assertEquals(200, app.logIn("sean", "new-secret").status());
        assertNull(app.stored("sean").get("_perishable_token"));
        assertTrue(get(link).body().contains("Invalid Link"), "a used link is spent");
    }

    @Test
    void aResetRequestAnswersTheSameForAnUnknownEmailAndMailsNobody() throws Exception {
        // Parse Server 5 and older answered 205 here, telling who has an account; 6+ and Reparse answer {}
        app(AccountRules.defaults());
        app.signUp("known", "known@example.com", "secret1");
        ApiResponse unknown = app.call("POST", "/requestPasswordReset", Map.of("email", "nobody@example.com"), false);
        assertEquals(200, unknown.status());
        assertEquals(Map.of(), unknown.body());
        requestResetLink("known@example.com", 0);
        assertEquals(1, SMTP.getReceivedMessages().length);
        assertEquals(204, code(app.call("POST", "/requestPasswordReset", Map.of(), false)));
        assertEquals(125, code(app.call("POST", "/requestPasswordReset", Map.of("email", Map.of("$ne", "x")), false)));
    }

    @Test
    void anUnverifiedUserGetsNoSessionUntilTheMailedLinkIsFollowed() throws Exception {
        app(rules(true, true, null, PasswordPolicy.none()));
        ApiResponse signedUp = app.signUp("vera", "vera@example.com", "secret1");
        assertEquals(201, signedUp.status());
        assertNull(((Map<?, ?>) signedUp.body()).get("sessionToken"), "no session before verification");
        assertEquals(false, app.stored("vera").get("emailVerified"));
        ApiResponse refused = app.logIn("vera", "secret1");
        assertEquals(400, refused.status());
        assertEquals(Map.of("code", 205, "error", "User email is not verified."), refused.body());

        MimeMessage mail = awaitMail(1);
        assertEquals("Please verify your e-mail for mailapp", mail.getSubject());
        String link = linkIn(mail);
        assertTrue(link.startsWith(base + "/apps/mailapp/verify_email?token="), link);
        HttpResponse<String> page = get(link);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Successfully verified your email"), page.body());
        assertEquals(true, app.stored("vera").get("emailVerified"));
        assertNull(app.stored("vera").get("_email_verify_token"));
        assertEquals(200, app.logIn("vera", "secret1").status());
    }

    @Test
    void verificationRequestsAnswerTheSameForUnknownAndVerifiedEmailsLikeParseServer9() throws Exception {
        app(rules(true, false, null, PasswordPolicy.none()));
        app.signUp("ana", "ana@example.com", "secret1");
        awaitMail(1);
        assertEquals(Map.of(), app.call("POST", "/verificationEmailRequest", Map.of("email", "ana@example.com"),
                false).body());
        String second = linkIn(awaitMail(2));
        assertEquals(Map.of(),
                app.call("POST", "/verificationEmailRequest", Map.of("email", "nobody@example.com"), false).body());
        assertEquals(Map.of("code", 204, "error", "you must provide an email"),
                app.call("POST", "/verificationEmailRequest", Map.of(), false).body());
        assertTrue(get(second).body().contains("Successfully verified"));
        assertFalse(get(second).body().contains("Successfully verified"), "a used link is invalid");
        assertEquals(Map.of(),
                app.call("POST", "/verificationEmailRequest", Map.of("email", "ana@example.com"), false).body());
        Thread.sleep(300);
        assertEquals(2, SMTP.getReceivedMessages().length, "no mail for unknown or verified emails");
    }

    @Test
    void anExpiredResetLinkShowsTheInvalidPageAndChangesNothing() throws Exception {
        app(rules(false, false, null, resetValidFor(Duration.ofHours(1))));
        app.signUp("exp", "exp@example.com", "secret1");
        String link = requestResetLink("exp@example.com", 0);
        assertEquals(302, get(link).statusCode(), "valid within the hour");
        app.clock.advance(Duration.ofHours(2));
        assertTrue(get(link).body().contains("Invalid Link"));
        HttpResponse<String> post = choose("exp", query(link, "token"), "new-secret");
        assertTrue(post.body().contains("Invalid Link"), post.body());
        assertEquals(200, app.logIn("exp", "secret1").status());
    }

    @Test
    void ofConcurrentUsesOfOneResetLinkExactlyOneSetsItsPassword() throws Exception {
        app(AccountRules.defaults());
        app.signUp("race", "race@example.com", "secret0");
        String token = query(requestResetLink("race@example.com", 0), "token");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String password = "racer-" + i;
            answers.add(threads.submit(() -> {
                start.await();
                return choose("race", token, password);
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            if (answers.get(i).get(60, TimeUnit.SECONDS).body().contains("Your password has been changed.")) {
                winners.add(i);
            }
        }
        threads.shutdown();
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals(200, app.logIn("race", "racer-" + winners.get(0)).status());
        assertTrue(EmailTestApp.BCRYPT.matches("racer-" + winners.get(0),
                (String) app.stored("race").get("_hashed_password")));
    }

    @Test
    void aLockedAccountRefusesEvenTheRightPasswordUntilTheLockoutEnds() throws Exception {
        app(rules(false, false, new LockoutPolicy(3, Duration.ofMinutes(5), true), PasswordPolicy.none()));
        app.signUp("lock", "lock@example.com", "right-one");
        for (int i = 0; i < 3; i++) {
            assertEquals("Invalid username/password.", ((Map<?, ?>) app.logIn("lock", "wrong").body()).get("error"));
        }
        ApiResponse locked = app.logIn("lock", "right-one");
        assertEquals(Map.of("code", 101, "error", "Your account is locked due to multiple failed login attempts. "
                + "Please try again after 5 minute(s)"), locked.body());
        app.clock.advance(Duration.ofMinutes(6));
        assertEquals(200, app.logIn("lock", "right-one").status());
        assertEquals(0, ((Number) app.stored("lock").get("_failed_login_count")).intValue());

        for (int i = 0; i < 3; i++) {
            app.logIn("lock", "wrong");
        }
        assertEquals(101, code(app.logIn("lock", "right-one")));
        String token = query(requestResetLink("lock@example.com", 0), "token");
        assertTrue(choose("lock", token, "after-reset").body().contains("Your password has been changed."));
        assertEquals(200, app.logIn("lock", "after-reset").status(), "unlockOnPasswordReset");
    }

    @Test
    void thePasswordPolicyRefusesWith142OnSignupChangeAndReset() throws Exception {
        PasswordPolicy policy = new PasswordPolicy(Optional.of(Pattern.compile("[0-9]")), Optional.empty(), true,
                Optional.empty(), 2, Optional.empty(), false);
        app(rules(false, false, null, policy));
        assertEquals(Map.of("code", 142, "error", "Password does not meet the Password Policy requirements."),
                app.signUp("pol", "pol@example.com", "nodigits").body());
        assertEquals(Map.of("code", 142, "error", "Password cannot contain your username."),
                app.signUp("pol", "pol@example.com", "pol123").body());
        ApiResponse created = app.signUp("pol", "pol@example.com", "first1");
        assertEquals(201, created.status());
        String userId = (String) ((Map<?, ?>) created.body()).get("objectId");
        assertEquals(200, app.call("PUT", "/users/" + userId, Map.of("password", "second2"), true).status());

        String token = query(requestResetLink("pol@example.com", 0), "token");
        HttpResponse<String> reused = choose("pol", token, "first1");
        assertEquals(400, reused.statusCode());
        assertTrue(reused.body().contains("New password should not be the same as last 2 passwords."), reused.body());
        HttpResponse<String> weak = choose("pol", token, "nodigits");
        assertTrue(weak.body().contains("Password does not meet the Password Policy requirements."));
        assertTrue(choose("pol", token, "third3").body().contains("Your password has been changed."));
        assertEquals(200, app.logIn("pol", "third3").status());
    }

    @Test
    void anExpiredPasswordRefusesLoginWithParseServersMessage() {
        PasswordPolicy policy = new PasswordPolicy(Optional.empty(), Optional.empty(), false,
                Optional.of(Duration.ofDays(30)), 0, Optional.empty(), false);
        app(rules(false, false, null, policy));
        app.signUp("old", "old@example.com", "secret1");
        assertEquals(200, app.logIn("old", "secret1").status());
        app.clock.advance(Duration.ofDays(31));
        assertEquals(Map.of("code", 101, "error", "Your password has expired. Please reset your password."),
                app.logIn("old", "secret1").body());
    }

    @Test
    void anUnreachableMailServerDoesNotFailTheRequest() throws Exception {
        app(rules(true, false, null, PasswordPolicy.none()));
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Outbox dead = new Outbox(new SmtpMailer(SmtpSettings.plain("127.0.0.1", deadPort), app.clock), "mailapp");
        MailMessage mail = MailMessage.text(MailMessage.Sender.of("a@b.test", "A"), "x@y.test", "s", "b");
        assertFalse(dead.post(mail).get(30, TimeUnit.SECONDS), "the failure is reported to the future, not thrown");
        dead.close();
        long started = System.nanoTime();
        assertEquals(201, app.signUp("slow", "slow@example.com", "secret1").status());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
    }

    @Test
    void pagesRefuseOtherAppsAndEscapeWhatTheLinkCarries() throws Exception {
        app(rules(true, false, null, PasswordPolicy.none()));
        assertEquals(403, get(base + "/apps/otherapp/verify_email?token=x&username=y").statusCode());
        HttpResponse<String> page = get(base + "/apps/mailapp/verify_email?token=x&username="
                + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("<script>alert(1)"), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertNotNull(page.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals(404, postForm("/apps/mailapp/verify_email", Map.of("token", "x")).statusCode(),
                "changes only by the routes that make them");
    }
}
