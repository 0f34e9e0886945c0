package dev.reparse.controlplane.errors;

import java.util.Optional;

/**
 * The checks every text the control plane takes goes through before it is trimmed, compared or stored: no control
 * characters (PostgreSQL refuses U+0000, and the others have no business in a name, an email or a key), no lone
 * UTF-16 surrogates, no line or paragraph separators, and a length bound. Checked on the raw value, so a trailing
 * NUL is refused instead of being trimmed away.
 */
public final class TextInput {
    private TextInput() {
    }

    /** What is wrong with the text, in words for the caller ("appName contains a control character (U+0000)"). */
    public static Optional<String> problem(String field, String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of(field + " must be at most " + maxLength + " characters long.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(field + " contains an unpaired surrogate (U+" + hex(c) + ").");
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of(field + " must not contain control characters (found U+" + hex(c) + ").");
            }
        }
        return Optional.empty();
    }

    /** The value unchanged; a 400 {@link ApiException} with {@code code} when {@link #problem} finds something. */
    public static String require(String field, String value, int maxLength, int code) {
        problem(field, value, maxLength).ifPresent(message -> {
            throw ApiException.invalid(code, message);
        });
        return value;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
