package dev.reparse.controlplane.identity;

/** Turns part of an email into a name Keycloak's person-name validator accepts. */
final class PersonNames {
    // Keycloak's person-name-prohibited-characters validator refuses these (and control characters).
    private static final String PROHIBITED = "<>&\"$%!#?§;*~/\\|^=[]{}()";
    private static final int MAX_LENGTH = 255;

    private PersonNames() {
    }

    static String sanitise(String raw) {
        StringBuilder name = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> name.appendCodePoint(Character.isISOControl(c) || PROHIBITED.indexOf(c) >= 0 ? '-' : c));
        String result = name.toString().strip();
        if (result.isEmpty()) {
            return "-";
        }
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) : result;
    }
}
