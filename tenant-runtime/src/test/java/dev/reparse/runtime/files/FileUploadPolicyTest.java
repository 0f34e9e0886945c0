package dev.reparse.runtime.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.files.UploadPolicy.Uploader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileUploadPolicyTest {
    private final UploadPolicy defaults = UploadPolicy.defaults();

    @Test
    void byDefaultOnlyMasterAndSignedInUsersMayUpload() {
        assertDoesNotThrow(() -> defaults.checkUploader(Uploader.MASTER));
        assertDoesNotThrow(() -> defaults.checkUploader(Uploader.AUTHENTICATED_USER));
        assertEquals("File upload by public is disabled.", refusal(() -> defaults.checkUploader(Uploader.PUBLIC)));
        assertEquals("File upload by anonymous user is disabled.",
                refusal(() -> defaults.checkUploader(Uploader.ANONYMOUS_USER)));
    }

    @Test
    void eachSwitchOpensOrClosesItsKindOfCaller() {
        UploadPolicy open = new UploadPolicy(true, true, false, Set.of(), 10);
        assertDoesNotThrow(() -> open.checkUploader(Uploader.PUBLIC));
        assertDoesNotThrow(() -> open.checkUploader(Uploader.ANONYMOUS_USER));
        assertEquals("File upload by authenticated user is disabled.",
                refusal(() -> open.checkUploader(Uploader.AUTHENTICATED_USER)));
        assertDoesNotThrow(() -> open.checkUploader(Uploader.MASTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.html", "a.HTM", "a.Html", "x.svg", "x.SVGZ", "x.xhtml", "x.xml", "x.xsl", "x.mhtml"})
    void refusesActiveDocumentExtensionsInAnyCase(String name) {
        refusal(() -> defaults.checkType(name, "application/octet-stream"));
    }

    @ParameterizedTest
    @CsvSource({"a.txt,text/html", "a.txt,TEXT/HTML; charset=utf-8", "a.bin,image/svg+xml",
            "a.bin,application/xhtml+xml", "a.bin,application/xml", "a.bin,text/xml", "a,application/rss+xml",
            "a.bin,text/xsl"})
    void refusesActiveDocumentTypesSentOnlyAsContentType(String name, String type) {
        refusal(() -> defaults.checkType(name, type));
    }

    @ParameterizedTest
    @CsvSource({"a.txt,text/plain", "a.png,image/png", "a.json,application/json", "a.pdf,application/pdf"})
    void acceptsOrdinaryFiles(String name, String type) {
        assertDoesNotThrow(() -> defaults.checkType(name, type));
    }

    @Test
    void anEmptyDenylistAcceptsEverything() {
        UploadPolicy none = new UploadPolicy(false, false, true, Set.of(), 10);
        assertDoesNotThrow(() -> none.checkType("a.html", "text/html"));
    }

    @Test
    void refusesADeclaredLengthOverTheCap() {
        UploadPolicy small = new UploadPolicy(false, false, true, Set.of(), 100);
        assertDoesNotThrow(() -> small.checkDeclaredLength(100));
        assertDoesNotThrow(() -> small.checkDeclaredLength(-1));
        refusal(() -> small.checkDeclaredLength(101));
    }

    private static String refusal(org.junit.jupiter.api.function.Executable check) {
        ParseException error = assertThrows(ParseException.class, check);
        assertEquals(ParseErrorCode.FILE_SAVE_ERROR, error.code());
        return error.getMessage();
    }
}
