package dev.reparse.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseException;
import org.junit.jupiter.api.function.Executable;

/** Asserts a Parse failure by code and exact message, since clients match on both. */
final class ParseErrorAssertions {
    private ParseErrorAssertions() {
    }

    static ParseException assertParseError(int code, String message, Executable call) {
        ParseException error = assertThrows(ParseException.class, call);
        assertEquals(code, error.code(), () -> "code of: " + error.getMessage());
        assertEquals(message, error.getMessage());
        return error;
    }
}
