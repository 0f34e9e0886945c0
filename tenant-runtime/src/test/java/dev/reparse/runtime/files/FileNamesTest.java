package dev.reparse.runtime.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a.txt", "photo 1.jpg", "_x", "Report-2024_v2~final@home.pdf", "README"})
    void acceptsParseServerNames(String name) {
        assertDoesNotThrow(() -> FileNames.requireValidUpload(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc/passwd", "..", ".hidden", "a/b.txt", "a\\b.txt", "a\u0001.txt", "a\n.txt",
            "-dash.txt", "caf\u00e9.txt", "a%2e%2e"})
    void rejectsTraversalControlAndOddNamesWith122(String name) {
        ParseException error = assertThrows(ParseException.class, () -> FileNames.requireValidUpload(name));
        assertEquals(ParseErrorCode.INVALID_FILE_NAME, error.code());
    }

    @Test
    void rejectsNamesOver128Characters() {
        assertDoesNotThrow(() -> FileNames.requireValidUpload("a".repeat(128)));
        ParseException error = assertThrows(ParseException.class, () -> FileNames.requireValidUpload("a".repeat(129)));
        assertEquals("Filename too long.", error.getMessage());
    }

    @Test
    void uniqueNamesHave32HexDigitsBeforeTheName() {
        String name = FileNames.unique("a.txt", new Random(1));
        assertTrue(name.matches("[0-9a-f]{32}_a\\.txt"), name);
        assertTrue(FileNames.isStorable(FileNames.unique("a".repeat(128), new Random(2))));
    }

    @Test
    void lookupsOfImpossibleNamesFindNothing() {
        assertFalse(FileNames.isStorable("../x"));
        assertFalse(FileNames.isStorable(null));
        assertFalse(FileNames.isStorable("a".repeat(256)));
    }

    @Test
    void extensionIsLowerCasedAndEmptyWithoutADot() {
        assertEquals("html", FileNames.extension("INDEX.HTML"));
        assertEquals("", FileNames.extension("README"));
        assertEquals("", FileNames.extension("trailing."));
    }
}
