package dev.reparse.runtime.authdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseException;
import org.junit.jupiter.api.function.Executable;

/** Asserts the Parse error a validation ends in. */
final class Refusals {
    private Refusals() {
    }

    static void assertRefused(int code, String message, Executable validation) {
        ParseException error = assertThrows(ParseException.class, validation);
        assertEquals(code, error.code(), () -> "code of: " + error.getMessage());
        assertEquals(message, error.getMessage());
    }
}
