package dev.reparse.runtime.email;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail's subject and body with parse.com's placeholders: {@code %appname%}, {@code %link%},
 * {@code %email%}, {@code %username%}. Unknown {@code %words%} stay as written.
 */
public record MailTemplate(String subject, String body) {
    private static final Pattern PLACEHOLDER = Pattern.compile("%(appname|link|email|username)%");

    /** parse.com's verification mail, as Parse Server still words it. */
    public static final MailTemplate DEFAULT_VERIFICATION = new MailTemplate("Please verify your e-mail for %appname%",
            "Hi,\n\nYou are being asked to confirm the e-mail address %email% with %appname%\n\n"
                    + "Click here to confirm it:\n%link%");

    /** parse.com's password reset mail, as Parse Server still words it. */
    public static final MailTemplate DEFAULT_PASSWORD_RESET = new MailTemplate("Password Reset for %appname%",
            "Hi,\n\nYou requested to reset your password for %appname% (your username is '%username%').\n\n"
                    + "Click here to reset it:\n%link%");

    public MailTemplate {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a mail template needs a subject");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a mail template needs a body");
        }
    }

    /** The subject, on one line whatever the values hold. */
    public String subject(Values values) {
        return fill(subject, values).replaceAll("[\r\n]+", " ");
    }

    public String body(Values values) {
        return fill(body, values);
    }

    /** One pass: a value that itself reads {@code %link%} is not expanded again. */
    private static String fill(String template, Values values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.asMap().get(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** What the placeholders stand for in one mail; absent values read as empty. */
    public record Values(String appName, String link, String email, String username) {
        public Values {
            appName = appName == null ? "" : appName;
            link = link == null ? "" : link;
            email = email == null ? "" : email;
            username = username == null ? "" : username;
        }

        Map<String, String> asMap() {
            return Map.of("appname", appName, "link", link, "email", email, "username", username);
        }
    }
}
