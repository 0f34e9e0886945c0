package dev.reparse.runtime.email.pages;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.email.EmailFlows;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The pages behind the links in an app's mails, at Parse Server's paths under the mount ({@code
 * <publicServerURL>/apps/<app id>/verify_email}, {@code .../request_password_reset}, {@code
 * .../choose_password}), so links mailed by Parse Server keep working. No keys are needed: the
 * token in the link is the secret, and only POSTs change anything.
 */
public final class EmailPages {
    private static final Logger LOG = Logger.getLogger(EmailPages.class);
    private static final long MAX_FORM_BYTES = 16 * 1024;

    private final String appId;
    private final String mount;
    private final Supplier<EmailFlows> flows;
    private final Executor executor;

    /** {@code mount} is the API's path, e.g. {@code /parse}; {@code flows} answers null while the runtime starts. */
    public EmailPages(String appId, String mount, Supplier<EmailFlows> flows, Executor executor) {
        this.appId = appId;
        this.mount = mount;
        this.flows = flows;
        this.executor = executor;
    }

    /** Mounts the pages at {@code <mount>/apps/...}, ahead of the API's catch-all route under the mount. */
    public void install(Router router) {
        router.route(mount + "/apps/*").order(-100)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES))
                .handler(ctx -> executor.execute(() -> serve(ctx, ctx.request().path().substring(mount.length()))));
    }

    private void serve(RoutingContext ctx, String path) {
        MDC.put("appId", appId);
        EmailFlows email = flows.get();
        if (email == null) {
            send(ctx.response(), 503, "text/plain; charset=utf-8", "The server is starting.");
            return;
        }
        try {
            route(new PageRequest(ctx, email), path);
        } catch (RuntimeException e) {
            LOG.errorf(e, "page %s failed", path);
            send(ctx.response(), 500, "text/plain; charset=utf-8", "Internal server error.");
        }
    }

    private void route(PageRequest request, String path) {
        String[] parts = path.split("/");
        // "", "apps", "<app id>", "<page>"  or  "", "apps", "choose_password"
        if (parts.length == 3 && parts[2].equals("choose_password") && request.method() == HttpMethod.GET) {
            forApp(request, request.param("id"), () -> choosePasswordForm(request, null, 200));
            return;
        }
        if (parts.length != 4) {
            notFound(request);
            return;
        }
        forApp(request, parts[2], () -> page(request, parts[3]));
    }

    private void forApp(PageRequest request, String requestedApp, Runnable page) {
        if (!appId.equals(requestedApp)) {
            // Parse Server answers an unknown app's pages as it answers unknown apps anywhere
            send(request.response(), 403, "application/json; charset=utf-8", Json.writeString(Map.of("error",
                    "unauthorized")));
            return;
        }
        page.run();
    }

    private void page(PageRequest request, String page) {
        boolean get = request.method() == HttpMethod.GET;
        boolean post = request.method() == HttpMethod.POST;
        switch (page) {
            case "verify_email" -> when(get, request, () -> verifyEmail(request));
            case "resend_verification_email" -> when(post, request, () -> resendVerification(request));
            case "request_password_reset" -> {
                if (get) {
                    followResetLink(request);
                } else {
                    when(post, request, () -> resetPassword(request));
                }
            }
            case "choose_password" -> {
                if (get) {
                    choosePasswordForm(request, null, 200);
                } else {
                    when(post, request, () -> resetPassword(request));
                }
            }
            default -> notFound(request);
        }
    }

    private void when(boolean allowed, PageRequest request, Runnable action) {
        if (allowed) {
            action.run();
        } else {
            notFound(request);
        }
    }

    private void verifyEmail(PageRequest request) {
        String username = request.param("username");
        String token = request.param("token");
        if (username == null || token == null) {
            html(request, 200, "Invalid Link", Html.paragraph("This link is not valid."));
            return;
        }
        if (request.email().verifyEmail(username, token)) {
            html(request, 200, "Email verified", Html.paragraph("Successfully verified your email for account: "
                    + username + "."));
            return;
        }
        html(request, 200, "Expired verification link", Html.paragraph(
                "This verification link is not valid any more.") + """
                <form method="POST" action="%s">
                <input type="hidden" name="username" value="%s">
                <button type="submit">Send a new link</button>
                </form>""".formatted(Html.escape(appPath("resend_verification_email")), Html.escape(username)));
    }

    private void resendVerification(PageRequest request) {
        String username = request.form("username");
        try {
            request.email().resendVerification(username);
        } catch (ParseException e) {
            LOG.debugf("no new verification link for %s: %s", username, e.getMessage());
        }
        // the same answer whatever happened: the page must not tell who has an account
        html(request, 200, "Check your email", Html.paragraph(
                "If this account exists and its email is not verified yet, a new link is on its way."));
    }

    /** The emailed reset link: a valid one moves on to the form, with the token out of the mail's URL. */
    private void followResetLink(PageRequest request) {
        String username = request.param("username");
        String token = request.param("token");
        if (!request.email().resetLinkValid(username, token)) {
            invalidLink(request);
            return;
        }
        request.response().putHeader("Location", appPath("choose_password") + "?token=" + encode(token)
                + "&username=" + encode(username));
        send(request.response(), 302, "text/plain; charset=utf-8", "");
    }

    private void choosePasswordForm(PageRequest request, String error, int status) {
        String username = request.value("username");
        String token = request.value("token");
        if (!request.email().resetLinkValid(username, token)) {
            invalidLink(request);
            return;
        }
        String message = error == null ? "" : "<p class=\"error\">" + Html.escape(error) + "</p>";
        html(request, status, "Reset your password", message + Html.paragraph("Choose a new password for "
                + username + ".") + """
                <form method="POST" action="%s">
                <input type="hidden" name="username" value="%s">
                <input type="hidden" name="token" value="%s">
                <label for="new_password">New password</label>
                <input type="password" id="new_password" name="new_password" autocomplete="new-password" required>
                <label for="confirm_password">Confirm password</label>
                <input type="password" id="confirm_password" name="confirm_password" autocomplete="new-password">
                <button type="submit">Set password</button>
                </form>""".formatted(Html.escape(appPath("choose_password")), Html.escape(username),
                Html.escape(token)));
    }

    private void resetPassword(PageRequest request) {
        String username = request.form("username");
        String token = request.form("token");
        String password = request.form("new_password");
        String confirm = request.form("confirm_password");
        if (username == null || token == null || password == null || password.isEmpty()) {
            if (request.xhr()) {
                ResetAnswers.missing(request, username, token);
                return;
            }
            invalidLink(request);
            return;
        }
        if (confirm != null && !confirm.isEmpty() && !confirm.equals(password)) {
            choosePasswordForm(request, "The passwords do not match.", 400);
            return;
        }
        try {
            boolean reset = request.email().resetPassword(username, token, password).isPresent();
            if (request.xhr()) {
                ResetAnswers.xhr(request, reset);
            } else if (reset) {
                html(request, 200, "Password changed", Html.paragraph("Your password has been changed."));
            } else {
                invalidLink(request);
            }
        } catch (ParseException e) {
            if (request.xhr()) {
                ResetAnswers.error(request, e.getMessage());
            } else {
                choosePasswordForm(request, e.getMessage(), 400);
            }
        }
    }

    /** A page's path on this server, e.g. {@code /parse/apps/<app id>/choose_password}. */
    private String appPath(String page) {
        return mount + "/apps/" + encode(appId) + "/" + page;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void invalidLink(PageRequest request) {
        html(request, 200, "Invalid Link", Html.paragraph("This link is not valid: it was used already, "
                + "it expired, or it was mistyped. Request a new one from the app."));
    }

    private void notFound(PageRequest request) {
        send(request.response(), 404, "text/plain; charset=utf-8", "Not found.");
    }

    private void html(PageRequest request, int status, String title, String body) {
        send(request.response(), status, "text/html; charset=utf-8", Html.page(request.email().settings().branding(),
                title, body));
    }

    static void send(HttpServerResponse response, int status, String contentType, String body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        response.putHeader("Content-Type", contentType);
        response.putHeader("Cache-Control", "no-store");
        // the token is in the URL: no Referer may carry it to the logo's host or anywhere else
        response.putHeader("Referrer-Policy", "no-referrer");
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src https: http:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.end(body);
    }

    /** One page request: its parameters, the email flows, where it came in. */
    record PageRequest(RoutingContext ctx, EmailFlows email) {
        HttpMethod method() {
            return ctx.request().method();
        }

        HttpServerResponse response() {
            return ctx.response();
        }

        String param(String name) {
            return ctx.request().getParam(name);
        }

        String form(String name) {
            MultiMap form = ctx.request().formAttributes();
            return form.get(name);
        }

        /** A form field, else the query parameter: the form re-rendered after a POST reads the form. */
        String value(String name) {
            return method() == HttpMethod.POST ? form(name) : param(name);
        }

        boolean xhr() {
            return "XMLHttpRequest".equalsIgnoreCase(ctx.request().getHeader("X-Requested-With"));
        }
    }
}
