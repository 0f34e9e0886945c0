package dev.reparse.runtime.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Relay's ids as Parse Server makes them: a global id is base64 of {@code "<className>:<objectId>"}, a cursor
 * base64 of {@code "arrayconnection:<offset>"}. Wherever an id is taken, the object id alone works too.
 */
final class GlobalIds {
    private static final String CURSOR_PREFIX = "arrayconnection:";

    private GlobalIds() {
    }

    static String of(String className, String objectId) {
        return Base64.getEncoder().encodeToString((className + ":" + objectId).getBytes(StandardCharsets.UTF_8));
    }

    /** The class and object id a global id names; null when the text is not one. */
    static String[] parse(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon <= 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The object id an id names for that class: the global id's, or the id itself (an object id). */
    static String objectId(String className, String id) {
        String[] parsed = parse(id);
        return parsed != null && parsed[0].equals(className) ? parsed[1] : id;
    }

    static String cursor(int offset) {
        return Base64.getEncoder().encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor names; -1 when the text is not a cursor. */
    static int offset(String cursor) {
        try {
            String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith(CURSOR_PREFIX) ? Integer.parseInt(text.substring(CURSOR_PREFIX.length())) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
