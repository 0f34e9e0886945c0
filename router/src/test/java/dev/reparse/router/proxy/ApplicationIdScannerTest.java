package dev.reparse.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationIdScannerTest {
    /** Scans the body cut into pieces of {@code piece} bytes; the answer must not depend on where the cuts fall. */
    private static Optional<String> idIn(String body, int piece) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ApplicationIdScanner scanner = new ApplicationIdScanner();
        ApplicationIdScanner.Outcome outcome = ApplicationIdScanner.Outcome.MORE;
        for (int i = 0; i < bytes.length && outcome == ApplicationIdScanner.Outcome.MORE; i += piece) {
            outcome = scanner.feed(Buffer.buffer().appendBytes(bytes, i, Math.min(piece, bytes.length - i)));
        }
        return outcome == ApplicationIdScanner.Outcome.FOUND ? Optional.of(scanner.applicationId()) : Optional.empty();
    }

    private static void assertFinds(Optional<String> expected, String body) {
        for (int piece : new int[] {body.length() + 1, 1, 2, 3, 7}) {
            assertEquals(expected, idIn(body, piece), "cut every " + piece + " bytes: " + body);
        }
    }

    @Test
    void findsTheTopLevelApplicationIdAfterNestedValuesOfEveryKind() {
        assertFinds(Optional.of("app"), "{\"where\":{\"a\":[1,{\"_ApplicationId\":\"nested\"}],\"s\":\"}]\\\"{\"},"
                + "\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"e\":[],\"o\":{},\"_ApplicationId\":\"app\",\"x\":1}");
        assertFinds(Optional.of("app"), " \r\n\t{ \"_ApplicationId\" : \"app\" }");
        assertFinds(Optional.of("app"), "{\"_JavaScriptKey\":\"k\",\"_ApplicationId\":\"app\"}");
    }

    @Test
    void findsItAsSoonAsItsValueEndsWithoutWaitingForTheRest() {
        assertFinds(Optional.of("app"), "{\"_ApplicationId\":\"app\",\"data\":\"xxxxx");
    }

    @Test
    void decodesEscapesInTheKeyAndTheValue() {
        assertFinds(Optional.of("a\"p/p\u00e9"), "{\"_ApplicationId\":\"a\\\"p\\/p\\u00e9\"}");
        assertFinds(Optional.of("app"), "{\"\\u005fApplicationId\":\"app\"}");
        assertFinds(Optional.of("app\u00e9"), "{\"_ApplicationId\":\"app\u00e9\"}");
    }

    @Test
    void findsNothingWhereThereIsNoTopLevelStringId() {
        assertFinds(Optional.empty(), "_ApplicationId=app");
        assertFinds(Optional.empty(), "{\"data\":\"xxx");
        assertFinds(Optional.empty(), "{\"_ApplicationId\":7}");
        assertFinds(Optional.empty(), "{\"_ApplicationId\":\"\"}");
        assertFinds(Optional.empty(), "{\"_ApplicationId\":\"   \"}");
        assertFinds(Optional.empty(), "[{\"_ApplicationId\":\"app\"}]");
        assertFinds(Optional.empty(), "{\"a\":{\"_ApplicationId\":\"app\"}}");
        assertFinds(Optional.empty(), "{\"a\":1} {\"_ApplicationId\":\"app\"}");
        assertFinds(Optional.empty(), "{\"_ApplicationIdx\":\"app\"}");
        assertFinds(Optional.empty(), "{\"a\" 1,\"_ApplicationId\":\"app\"}");
        assertFinds(Optional.empty(), "");
    }

    @Test
    void givesUpOnAnIdTooLongToBeOne() {
        assertFinds(Optional.empty(), "{\"_ApplicationId\":\"" + "a".repeat(5000) + "\"}");
        assertFinds(Optional.of("app"), "{\"_ApplicationId\":\"" + "a".repeat(5000) + "\",\"_ApplicationId\":\"app\"}");
    }

    @Test
    void skipsLongStringsAndDeepNestingWithoutKeepingThem() {
        String longString = "{\"base64\":\"" + "QUJD".repeat(1 << 18) + "\",\"deep\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + ",\"_ApplicationId\":\"app\"}";
        assertEquals(Optional.of("app"), idIn(longString, 8192));
    }

    /** Scans the whole body cut into pieces of {@code piece} bytes, as a small body is read. */
    private static ApplicationIdScanner scanned(String body, int piece) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ApplicationIdScanner scanner = new ApplicationIdScanner();
        for (int i = 0; i < bytes.length && scanner.scanning(); i += piece) {
            scanner.feed(Buffer.buffer().appendBytes(bytes, i, Math.min(piece, bytes.length - i)));
        }
        return scanner;
    }

    @Test
    void picksUpTheJsSdksMethodAndClientVersionAroundTheId() {
        String body = "{\"where\":{\"_method\":\"nested\"},\"_method\":\"GET\",\"_ApplicationId\":\"app\","
                + "\"_JavaScriptKey\":\"k\",\"_ClientVersion\":\"js6.1.1\",\"_InstallationId\":\"i\"}";
        for (int piece : new int[] {body.length(), 1, 5}) {
            ApplicationIdScanner scanner = scanned(body, piece);
            assertEquals("app", scanner.applicationId());
            assertEquals("GET", scanner.method(), "cut every " + piece);
            assertEquals("js6.1.1", scanner.clientVersion(), "cut every " + piece);
            assertEquals(false, scanner.scanning(), "done once the version is known");
        }
        ApplicationIdScanner escaped = scanned("{\"\\u005fmethod\":\"PUT\",\"_ApplicationId\":\"app\"}", 3);
        assertEquals("PUT", escaped.method());
        assertEquals(null, escaped.clientVersion());
        assertEquals(false, escaped.scanning(), "the object ended");
    }

    @Test
    void aBrokenTailAfterTheIdKeepsTheIdFound() {
        ApplicationIdScanner scanner = new ApplicationIdScanner();
        assertEquals(ApplicationIdScanner.Outcome.FOUND,
                scanner.feed(Buffer.buffer("{\"_ApplicationId\":\"app\",\"_method\":\"GET\"")));
        assertEquals(true, scanner.scanning());
        assertEquals(ApplicationIdScanner.Outcome.FOUND, scanner.feed(Buffer.buffer(" x }")));
        assertEquals(false, scanner.scanning());
        assertEquals("GET", scanner.method());
    }
}
