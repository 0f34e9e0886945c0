package dev.reparse.runtime.core;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;

/**
 * The refusal a client gets for a class that does not exist while client class creation is off: Parse Server's code
 * 119 and HTTP 400, with a message that names the class and the way out instead of its sanitized "Permission denied".
 */
final class ClassCreation {
    private ClassCreation() {
    }

    /** {@code action} is what the client tried: {@code create}, or {@code access non-existent} for a read. */
    static ParseException refused(String action, String className) {
        return new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, "This user is not allowed to " + action
                + " class " + className + ": client class creation is off for this app; create the class with the "
                + "master key or turn on clientClassCreationEnabled");
    }
}
