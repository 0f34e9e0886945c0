package dev.reparse.provisioning;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The per-app options a standalone {@code ./reparse runtime} takes on its command line: who may upload files and how
 * much, account lockout, password policy, email verification, token validities, and the app's mail sender name and
 * templates (empty: parse.com's wording). Field names are the Apps API's; the runtime reads them at start, so a change
 * restarts it.
 *
 * @param fileUploadMaxBytes the largest file accepted
 * @param fileUploadDeniedExtensions extensions refused (empty: none)
 * @param accountLockoutThreshold failed logins that lock an account; 0 turns lockout off
 * @param accountLockoutUnlockOnPasswordReset a password reset through the mailed link ends a lockout
 * @param passwordPattern a regular expression every new password must match; empty: any
 * @param passwordPatternError the error a password that does not match gets; empty: Parse Server's
 * @param passwordNotContainingUsername a password may not contain the username
 * @param maxPasswordAgeDays days after which a password must be reset; 0: never
 * @param maxPasswordHistory how many previous passwords may not be reused; 0: any
 * @param emailVerifyTokenValidityMinutes how long a verification link works; 0: until used
 * @param passwordResetTokenValidityMinutes how long a reset link works; 0: until used
 * @param emailSenderName the display name mails come from; empty: the app's name
 * @param graphQLPublicIntrospection GraphQL introspection without the master key (Parse Server's setting of that name)
 * @param liveQueryClassNames the classes whose changes LiveQuery subscribers receive (Parse Server's
 *     {@code liveQuery.classNames}); applied by the running runtime without a restart
 */
public record AppOptions(boolean fileUploadEnableForPublic, boolean fileUploadEnableForAnonymousUser,
        boolean fileUploadEnableForAuthenticatedUser, long fileUploadMaxBytes, List<String> fileUploadDeniedExtensions,
        int accountLockoutThreshold, int accountLockoutDurationMinutes, boolean accountLockoutUnlockOnPasswordReset,
        String passwordPattern, String passwordPatternError, boolean passwordNotContainingUsername,
        int maxPasswordAgeDays, int maxPasswordHistory, boolean verifyUserEmails, boolean preventLoginWithUnverifiedEmail,
        int emailVerifyTokenValidityMinutes, int passwordResetTokenValidityMinutes, String emailSenderName,
        String verificationEmailSubject, String verificationEmailBody, String passwordResetEmailSubject,
        String passwordResetEmailBody, boolean graphQLPublicIntrospection, List<String> liveQueryClassNames) {
    /** Browser-active document types, refused by default (as the standalone runtime's default). */
    public static final List<String> DEFAULT_DENIED_EXTENSIONS = List.of("html", "htm", "shtml", "xhtml", "xht", "mht",
            "mhtml", "svg", "svgz", "xml", "xsl", "xslt");
    public static final long MAX_UPLOAD_BYTES = 1L << 30;
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");
    private static final int MAX_TEMPLATE = 10_000;
    private static final int MAX_LINE = 200;
    private static final Pattern CLASS_NAME = Pattern.compile("_?[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final int MAX_LIVE_CLASSES = 100;

    public AppOptions {
        if (fileUploadMaxBytes < 1 || fileUploadMaxBytes > MAX_UPLOAD_BYTES) {
            throw new IllegalArgumentException("fileUploadMaxBytes must be 1 to " + MAX_UPLOAD_BYTES + ", got "
                    + fileUploadMaxBytes);
        }
        fileUploadDeniedExtensions = extensions(fileUploadDeniedExtensions);
        range("accountLockoutThreshold", accountLockoutThreshold, 0, 999);
        range("accountLockoutDurationMinutes", accountLockoutDurationMinutes, 1, 99_999);
        passwordPattern = Objects.requireNonNullElse(passwordPattern, "");
        if (passwordPattern.length() > MAX_LINE) {
            throw new IllegalArgumentException("passwordPattern must be at most " + MAX_LINE + " characters");
        }
        try {
            Pattern.compile(passwordPattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("passwordPattern is not a valid regular expression: "
                    + e.getDescription());
        }
        passwordPatternError = line("passwordPatternError", passwordPatternError);
        range("maxPasswordAgeDays", maxPasswordAgeDays, 0, 3650);
        range("maxPasswordHistory", maxPasswordHistory, 0, 20);
        if (preventLoginWithUnverifiedEmail && !verifyUserEmails) {
            throw new IllegalArgumentException("preventLoginWithUnverifiedEmail needs verifyUserEmails");
        }
        range("emailVerifyTokenValidityMinutes", emailVerifyTokenValidityMinutes, 0, 525_600);
        range("passwordResetTokenValidityMinutes", passwordResetTokenValidityMinutes, 0, 525_600);
        emailSenderName = line("emailSenderName", emailSenderName);
        verificationEmailSubject = line("verificationEmailSubject", verificationEmailSubject);
        passwordResetEmailSubject = line("passwordResetEmailSubject", passwordResetEmailSubject);
        verificationEmailBody = text("verificationEmailBody", verificationEmailBody);
        passwordResetEmailBody = text("passwordResetEmailBody", passwordResetEmailBody);
        liveQueryClassNames = classNames(liveQueryClassNames);
    }

    /** The same options with these LiveQuery classes. */
    public AppOptions withLiveQueryClassNames(List<String> classNames) {
        return new AppOptions(fileUploadEnableForPublic, fileUploadEnableForAnonymousUser,
                fileUploadEnableForAuthenticatedUser, fileUploadMaxBytes, fileUploadDeniedExtensions, accountLockoutThreshold,
                accountLockoutDurationMinutes, accountLockoutUnlockOnPasswordReset, passwordPattern, passwordPatternError,
                passwordNotContainingUsername, maxPasswordAgeDays, maxPasswordHistory, verifyUserEmails,
                preventLoginWithUnverifiedEmail, emailVerifyTokenValidityMinutes, passwordResetTokenValidityMinutes,
                emailSenderName, verificationEmailSubject, verificationEmailBody, passwordResetEmailSubject,
                passwordResetEmailBody, graphQLPublicIntrospection, classNames);
    }

    private static List<String> classNames(List<String> given) {
        List<String> names = Objects.requireNonNullElse(given, List.<String>of()).stream()
                .map(name -> Objects.requireNonNull(name, "a class name must not be null").strip())
                .peek(name -> {
                    if (!CLASS_NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("liveQueryClassNames: \"" + name + "\" is not a class name "
                                + "(a letter, then letters, digits and _; system classes start with _)");
                    }
                })
                .distinct().toList();
        if (names.size() > MAX_LIVE_CLASSES) {
            throw new IllegalArgumentException("liveQueryClassNames: at most " + MAX_LIVE_CLASSES + " classes");
        }
        return names;
    }

    /** A hosted app's defaults: the standalone runtime's (uploads by signed-in users only, no lockout, no policy). */
    public static AppOptions defaults() {
        return new AppOptions(false, false, true, MAX_UPLOAD_BYTES, DEFAULT_DENIED_EXTENSIONS, 0, 5, false, "", "",
                false, 0, 0, false, false, 0, 0, "", "", "", "", "", false, List.of());
    }

    private static List<String> extensions(List<String> given) {
        return Objects.requireNonNullElse(given, List.<String>of()).stream()
                .map(e -> Objects.requireNonNull(e, "an extension must not be null").strip().toLowerCase(Locale.ROOT))
                .map(e -> e.startsWith(".") ? e.substring(1) : e)
                .peek(e -> {
                    if (!EXTENSION.matcher(e).matches()) {
                        throw new IllegalArgumentException("fileUploadDeniedExtensions: \"" + e
                                + "\" is not an extension (1-16 letters or digits)");
                    }
                })
                .distinct().toList();
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + " to " + max + ", got " + value);
        }
    }

    private static String line(String field, String value) {
        String text = Objects.requireNonNullElse(value, "").strip();
        if (text.length() > MAX_LINE || text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException(field + " must be one line of at most " + MAX_LINE + " characters");
        }
        return text;
    }

    private static String text(String field, String value) {
        String text = Objects.requireNonNullElse(value, "");
        if (text.length() > MAX_TEMPLATE) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEMPLATE + " characters");
        }
        return text.isBlank() ? "" : text;
    }
}
