package dev.reparse.controlplane.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextInputTest {

    @Test
    void acceptsOrdinaryTextEmojiAndNull() {
        assertEquals(Optional.empty(), TextInput.problem("appName", "Café 🚀 ‍app", 128));
        assertEquals(Optional.empty(), TextInput.problem("appName", null, 128));
    }

    @Test
    void refusesNulAnywhereEvenWhereTrimmingWouldHideIt() {
        ApiException e = assertThrows(ApiException.class, () -> TextInput.require("appName", "x\u0000", 128, 142));
        assertEquals(400, e.httpStatus());
        assertEquals(142, e.code());
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
    }

    @Test
    void refusesOtherControlCharactersSeparatorsAndLoneSurrogates() {
        assertTrue(TextInput.problem("f", "a\tb", 10).isPresent());
        assertTrue(TextInput.problem("f", "a\u0085b", 10).isPresent());
        assertTrue(TextInput.problem("f", "a\u2028b", 10).isPresent());
        assertTrue(TextInput.problem("f", "a\uD800b", 10).isPresent());
        assertTrue(TextInput.problem("f", "ab\uDC00", 10).isPresent());
    }

    @Test
    void refusesTextPastItsLength() {
        assertTrue(TextInput.problem("email", "x".repeat(321), 320).orElseThrow().contains("320"));
    }
}
