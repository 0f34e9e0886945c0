package dev.reparse.runtime.files;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * File name rules. Parse Server's: at most 128 characters, a letter, digit or underscore first,
 * then letters, digits and {@code @ . ~ _ -} and spaces. That excludes path separators, {@code ..}
 * prefixes and control characters, so a valid name is also a safe object key.
 */
final class FileNames {
    static final int MAX_LENGTH = 128;
    /** A stored name is an uploaded name behind a 32-hex-digit prefix; legacy names are shorter. */
    static final int MAX_STORED_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[_a-zA-Z0-9][a-zA-Z0-9@. ~_-]*");

    private FileNames() {
    }

    /** Throws 122 unless {@code name} is an acceptable name for a new file. */
    static void requireValidUpload(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("Filename not provided.");
        }
        if (name.length() > MAX_LENGTH) {
            throw invalid("Filename too long.");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw invalid("Filename contains invalid characters.");
        }
    }

    /** Whether {@code name} can name a stored file at all; lookups of other names find nothing. */
    static boolean isStorable(String name) {
        return name != null && name.length() <= MAX_STORED_LENGTH && ALLOWED.matcher(name).matches();
    }

    /** {@code <32 hex digits>_<name>}: two uploads of one name never collide. */
    static String unique(String name, RandomGenerator random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes) + "_" + name;
    }

    /** The extension after the last dot, lower-cased, or "" when there is none. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    static ParseException invalid(String message) {
        return new ParseException(ParseErrorCode.INVALID_FILE_NAME, message);
    }
}
