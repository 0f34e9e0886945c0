package dev.reparse.router.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the top-level {@code _ApplicationId} string of a JSON object fed in pieces as they arrive, and on the way the
 * JS SDK's {@code _method} (before it) and {@code _ClientVersion} (after it), which request analytics use: once the ID
 * is found, the pieces still fed are scanned on until {@code _ClientVersion} (or the object's end). It keeps nothing of
 * the body but the few bytes of the current key and of that field's value: long strings (a file's base64) and nested
 * values are stepped over byte by byte, so a body of any size is scanned in constant memory. It does not validate: it
 * agrees with a JSON parser on what a parser accepts and gives up on the rest, which the runtime refuses anyway.
 */
final class ApplicationIdScanner {
    /** Where the scan stands after a piece. */
    enum Outcome {
        /** Nothing decided yet: feed more. */
        MORE,
        /** The field was found; {@link #applicationId()} holds it. */
        FOUND,
        /** The body is not a JSON object, or its object ended (or broke) without a usable field. */
        ABSENT
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] FIELD = "_ApplicationId".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] METHOD_FIELD = "_method".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_FIELD = "_ClientVersion".getBytes(StandardCharsets.US_ASCII);
    private static final int NO_FIELD = 0;
    private static final int APP_FIELD = 1;
    private static final int METHOD = 2;
    private static final int VERSION = 3;
    /** {@code _method} and {@code _ClientVersion} values are short; longer ones are not kept. */
    private static final int MAX_HINT_BYTES = 64;
    /** Room for the field's name even with every character escaped ({@code \u005f}...). */
    private static final int MAX_KEY_BYTES = FIELD.length * 6;
    /** Application IDs are short; a longer value is not one. */
    private static final int MAX_ID_BYTES = 1024;

    private static final int START = 0;
    private static final int FIRST_KEY = 1;
    private static final int NEXT_KEY = 2;
    private static final int KEY = 3;
    private static final int KEY_ESCAPE = 4;
    private static final int COLON = 5;
    private static final int VALUE = 6;
    private static final int STRING = 7;
    private static final int STRING_ESCAPE = 8;
    private static final int SCALAR = 9;
    private static final int AFTER_VALUE = 10;
    private static final int NESTED = 11;
    private static final int NESTED_STRING = 12;
    private static final int NESTED_ESCAPE = 13;

    private int state = START;
    private Outcome outcome = Outcome.MORE;
    private int depth;
    private final byte[] key = new byte[MAX_KEY_BYTES];
    private int keyLength;
    private boolean keyEscaped;
    /** Whether the current value belongs to a wanted field (and is still short enough to be one). */
    private boolean capturing;
    /** Which wanted field the current value belongs to. */
    private int field;
    private boolean stopped;
    private String method;
    private String clientVersion;
    private byte[] value;
    private int valueLength;
    private boolean valueEscaped;
    private String applicationId;

    /** Scans one more piece of the body; once the outcome is decided, further pieces are ignored. */
    Outcome feed(Buffer piece) {
        if (!scanning()) {
            return outcome;
        }
        ByteBuf bytes = piece.getByteBuf();
        if (bytes.hasArray()) {
            scan(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } else {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.getBytes(bytes.readerIndex(), copy);
            scan(copy, 0, copy.length);
        }
        return outcome;
    }

    /** The field's value, once {@link Outcome#FOUND}. */
    String applicationId() {
        return applicationId;
    }

    /** Whether pieces fed from now on are still looked at: the ID, or after it {@code _ClientVersion}, is still to come. */
    boolean scanning() {
        return !stopped && (applicationId == null || clientVersion == null);
    }

    /** The top-level {@code _method} seen so far (the JS SDK's method override), or null. */
    String method() {
        return method;
    }

    /** The top-level {@code _ClientVersion} seen so far (the JS SDK's version, e.g. {@code js6.1.1}), or null. */
    String clientVersion() {
        return clientVersion;
    }

    private void scan(byte[] bytes, int from, int length) {
        int end = from + length;
        for (int i = from; i < end && scanning(); i++) {
            if (state == STRING && !capturing || state == NESTED_STRING) {
                i = skipStringContent(bytes, i, end);
                if (i == end) {
                    return;
                }
            }
            step(bytes[i]);
        }
    }

    /** The index of the next quote or backslash from {@code i}, or {@code end}: the tight loop over long strings. */
    private static int skipStringContent(byte[] bytes, int i, int end) {
        while (i < end) {
            byte b = bytes[i];
            if (b == '"' || b == '\\') {
                return i;
            }
            i++;
        }
        return end;
    }

    private void step(byte b) {
        switch (state) {
            case START -> expect(b, b == '{', FIRST_KEY);
            case FIRST_KEY, NEXT_KEY -> {
                if (b == '"') {
                    keyLength = 0;
                    keyEscaped = false;
                    state = KEY;
                } else if (!whitespace(b)) {
                    absent();
                }
            }
            case KEY -> key(b);
            case KEY_ESCAPE -> {
                keep(b);
                state = KEY;
            }
            case COLON -> expect(b, b == ':', VALUE);
            case VALUE -> value(b);
            case STRING -> string(b);
            case STRING_ESCAPE -> {
                capture(b);
                state = STRING;
            }
            case SCALAR -> scalar(b);
            case AFTER_VALUE -> {
                if (b == ',') {
                    state = NEXT_KEY;
                } else if (!whitespace(b)) {
                    absent();
                }
            }
            case NESTED -> nested(b);
            case NESTED_STRING -> state = b == '\\' ? NESTED_ESCAPE : b == '"' ? NESTED : NESTED_STRING;
            case NESTED_ESCAPE -> state = NESTED_STRING;
            default -> throw new IllegalStateException("scanner state " + state);
        }
    }

    /** Skips whitespace; then {@code b} must be what {@code ok} says, moving to {@code next}. */
    private void expect(byte b, boolean ok, int next) {
        if (ok) {
            state = next;
        } else if (!whitespace(b)) {
            absent();
        }
    }

    private void key(byte b) {
        if (b == '"') {
            field = wantedField();
            capturing = field != NO_FIELD;
            state = COLON;
            return;
        }
        keep(b);
        if (b == '\\') {
            keyEscaped = true;
            state = KEY_ESCAPE;
        }
    }

    private void keep(byte b) {
        if (keyLength < MAX_KEY_BYTES) {
            key[keyLength] = b;
        }
        keyLength++;
    }

    private int wantedField() {
        if (keyLength > MAX_KEY_BYTES) {
            return NO_FIELD;
        }
        if (!keyEscaped) {
            return Arrays.equals(key, 0, keyLength, FIELD, 0, FIELD.length) ? APP_FIELD
                    : Arrays.equals(key, 0, keyLength, METHOD_FIELD, 0, METHOD_FIELD.length) ? METHOD
                    : Arrays.equals(key, 0, keyLength, VERSION_FIELD, 0, VERSION_FIELD.length) ? VERSION
                    : NO_FIELD;
        }
        String decoded = decode(key, keyLength);
        return decoded == null ? NO_FIELD : switch (decoded) {
            case "_ApplicationId" -> APP_FIELD;
            case "_method" -> METHOD;
            case "_ClientVersion" -> VERSION;
            default -> NO_FIELD;
        };
    }

    private void value(byte b) {
        if (b == '"') {
            valueLength = 0;
            valueEscaped = false;
            if (capturing && value == null) {
                value = new byte[MAX_ID_BYTES];
            }
            state = STRING;
        } else if (b == '{' || b == '[') {
            depth = 1;
            state = NESTED;
        } else if (b == '-' || b >= '0' && b <= '9' || b == 't' || b == 'f' || b == 'n') {
            state = SCALAR;
        } else if (!whitespace(b)) {
            absent();
        }
    }

    private void string(byte b) {
        if (b == '"') {
            state = AFTER_VALUE;
            if (capturing) {
                found();
            }
        } else {
            capture(b);
            if (b == '\\') {
                valueEscaped = true;
                state = STRING_ESCAPE;
            }
        }
    }

    private void capture(byte b) {
        if (!capturing) {
            return;
        }
        if (valueLength == (field == APP_FIELD ? MAX_ID_BYTES : MAX_HINT_BYTES)) {
            capturing = false;
            return;
        }
        value[valueLength++] = b;
    }

    private void found() {
        String text = valueEscaped ? decode(value, valueLength) : new String(value, 0, valueLength, StandardCharsets.UTF_8);
        if (text == null || text.isBlank()) {
            return;
        }
        if (field == METHOD) {
            method = text;
        } else if (field == VERSION) {
            clientVersion = text;
        } else if (applicationId == null) {
            applicationId = text;
            outcome = Outcome.FOUND;
        }
    }

    private void scalar(byte b) {
        if (b == ',') {
            state = NEXT_KEY;
        } else if (b == '}') {
            absent();
        } else if (whitespace(b)) {
            state = AFTER_VALUE;
        }
    }

    private void nested(byte b) {
        if (b == '"') {
            state = NESTED_STRING;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
            state = AFTER_VALUE;
        }
    }

    /** The object ended or broke: nothing more is looked for, and the ID is absent unless it was found before. */
    private void absent() {
        stopped = true;
        if (outcome == Outcome.MORE) {
            outcome = Outcome.ABSENT;
        }
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The text of a JSON string's raw content (escapes included), or null when it is not valid JSON text. */
    private static String decode(byte[] raw, int length) {
        byte[] quoted = new byte[length + 2];
        quoted[0] = '"';
        System.arraycopy(raw, 0, quoted, 1, length);
        quoted[length + 1] = '"';
        try (JsonParser parser = JSON.createParser(quoted)) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException e) {
            return null;
        }
    }
}
