package dev.reparse.controlplane.accounts;

import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.errors.TextInput;
import dev.reparse.protocol.ParseErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An email (normalised) and a password, validated before they reach the identity provider. */
public record Credentials(String email, String password) {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final int MIN_PASSWORD = 8;
    // bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_EMAIL = 320;

    /** Validates what a signup form sent. */
    public static Credentials forSignup(String email, String password) {
        String normalised = normaliseEmail(email);
        if (!EMAIL.matcher(normalised).matches() || normalised.length() > MAX_EMAIL) {
            throw ApiException.invalid(ParseErrorCode.INVALID_EMAIL_ADDRESS, "The email address is invalid.");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.invalid(ParseErrorCode.PASSWORD_MISSING, "password is required.");
        }
        TextInput.require("password", password, MAX_PASSWORD_BYTES, ParseErrorCode.VALIDATION_ERROR);
        if (password.length() < MIN_PASSWORD || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR,
                "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD_BYTES + " bytes long.");
        }
        return new Credentials(normalised, password);
    }

    /**
     * What a login sent: an email or password with control characters (which signup never accepts) is a 400; other
     * malformed input is simply not a match.
     */
    public static Optional<Credentials> forLogin(String email, String password) {
        String normalised = normaliseEmail(email);
        TextInput.require("password", password, Integer.MAX_VALUE, ParseErrorCode.VALIDATION_ERROR);
        if (normalised.isEmpty() || password == null || password.isEmpty()
            || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(normalised, password));
    }

    /** Trimmed and lower case; a 400 for a missing email or one with control characters or past 320 characters. */
    public static String normaliseEmail(String email) {
        if (email == null) {
            throw ApiException.invalid(ParseErrorCode.EMAIL_MISSING, "email is required.");
        }
        TextInput.require("email", email, MAX_EMAIL, ParseErrorCode.INVALID_EMAIL_ADDRESS);
        return email.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Credentials[" + email + "]";
    }
}
