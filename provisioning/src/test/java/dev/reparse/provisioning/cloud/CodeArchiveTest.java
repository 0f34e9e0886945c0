package dev.reparse.provisioning.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeArchiveTest {
    private static final CodeLimits LIMITS = CodeLimits.defaults();

    @TempDir
    Path dir;

    private static CodeBundle zip(byte[] content) {
        return new CodeBundle(CodeBundle.Format.ZIP, content);
    }

    private static InvalidCodeException refused(CodeBundle bundle, CodeLimits limits) {
        return assertThrows(InvalidCodeException.class, () -> CodeArchive.inspect(bundle, limits));
    }

    private static String refusal(byte[] zip) {
        InvalidCodeException e = refused(zip(zip), LIMITS);
        assertEquals(InvalidCodeException.Reason.INVALID, e.reason());
        return e.getMessage();
    }

    @Test
    void unpacksAZipWithItsFoldersLibFilesAndModules() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.js", "require('./lib/greet.js');");
        files.put("lib/greet.js", "module.exports = 1;");
        files.put("package.json", "{}");
        files.put("node_modules/left-pad/index.js", "module.exports = 2;");
        CodeSummary summary = CodeArchive.unpack(zip(Zips.of(files)), LIMITS, dir.resolve("code"));
        assertEquals(4, summary.files());
        assertEquals("main.js", summary.main());
        assertEquals("module.exports = 1;", Files.readString(dir.resolve("code/lib/greet.js")));
        assertEquals(files.values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum(),
                summary.unpackedBytes());
    }

    @Test
    void findsCloudMainAndIgnoresDotSlashAndTheRootFolderEntry() {
        byte[] zip = new Zips().directory("./").directory("cloud").file("./cloud/main.js", "x").bytes();
        CodeSummary summary = CodeArchive.inspect(zip(zip), LIMITS);
        assertEquals("cloud/main.js", summary.main());
        assertEquals(1, summary.files());
    }

    @Test
    void refusesPathsThatLeaveTheFolder() {
        assertTrue(refusal(new Zips().file("main.js", "x").file("../evil.js", "x").bytes()).contains("outside"));
        assertTrue(refusal(new Zips().file("main.js", "x").file("lib/../../evil.js", "x").bytes()).contains("outside"));
        assertTrue(refusal(new Zips().file("main.js", "x").file("/etc/cron.d/evil", "x").bytes()).contains("absolute"));
        assertTrue(refusal(new Zips().file("main.js", "x").file("C:/evil.js", "x").bytes()).contains("absolute"));
        // the zip reader turns the backslashes of an all-backslash (Windows) name into slashes: .. is caught then
        assertTrue(refusal(new Zips().file("main.js", "x").file("..\\evil.js", "x").bytes()).contains("outside"));
        assertTrue(refusal(new Zips().file("main.js", "x").file("lib/..\\..\\evil.js", "x").bytes())
                .contains("backslash"));
    }

    @Test
    void refusesSymbolicLinks() {
        String message = refusal(new Zips().file("main.js", "x").symlink("secrets", "/etc/passwd").bytes());
        assertTrue(message.contains("secrets is a symbolic link"), message);
    }

    @Test
    void refusesAZipWithoutMainJsAndHintsAtAZippedFolder() {
        String message = refusal(Zips.of(Map.of("mycode/main.js", "x", "mycode/lib.js", "y")));
        assertTrue(message.contains("no main.js or cloud/main.js"), message);
        assertTrue(message.contains("it has mycode/main.js"), message);
        assertTrue(refusal(new Zips().bytes()).contains("no main.js"));
    }

    @Test
    void refusesDuplicatesAndPathsThatAreBothFileAndFolder() {
        assertTrue(refusal(new Zips().file("main.js", "x").file("main.js", "y").bytes()).contains("twice"));
        assertTrue(refusal(new Zips().file("main.js", "x").file("lib", "x").file("lib/a.js", "y").bytes())
                .contains("both a file and a folder"));
    }

    @Test
    void refusesWhatIsNotAZip() {
        String message = refusal("Parse.Cloud.define('x', () => 1);".getBytes(StandardCharsets.UTF_8));
        assertTrue(message.contains("not a readable zip"), message);
    }

    @Test
    void enforcesTheLimitsOnUploadFilesAndUnpackedBytesCountedWhileReading() {
        byte[] zip = Zips.of(Map.of("main.js", "x", "a.js", "y", "b.js", "z"));
        InvalidCodeException upload = refused(zip(zip), new CodeLimits(zip.length - 1, 1000, 100));
        assertEquals(InvalidCodeException.Reason.TOO_LARGE, upload.reason());
        assertTrue(refused(zip(zip), new CodeLimits(10_000, 1000, 2)).getMessage().contains("more than 2 files"));
        // a small zip of a big file of zeros: the compressed size passes, the unpacked bytes do not
        byte[] bomb = new Zips().file("main.js", "x").file("zeros.bin", new byte[2_000_000]).bytes();
        assertTrue(bomb.length < 20_000);
        InvalidCodeException unpacked = refused(zip(bomb), new CodeLimits(100_000, 1_000_000, 10));
        assertEquals(InvalidCodeException.Reason.TOO_LARGE, unpacked.reason());
        assertTrue(unpacked.getMessage().contains("more than 1000000 bytes"), unpacked.getMessage());
    }

    @Test
    void unpackingAnUnsafeZipWritesNothingOutsideTheTarget() {
        byte[] zip = new Zips().file("main.js", "x").file("../escaped.js", "x").bytes();
        assertThrows(InvalidCodeException.class, () -> CodeArchive.unpack(zip(zip), LIMITS, dir.resolve("code")));
        assertFalse(Files.exists(dir.resolve("escaped.js")));
    }

    @Test
    void aScriptBecomesMainJsAndMustBeUtf8Text() throws Exception {
        byte[] script = "Parse.Cloud.define('hi', () => 'hé');".getBytes(StandardCharsets.UTF_8);
        CodeSummary summary = CodeArchive.unpack(new CodeBundle(CodeBundle.Format.JAVASCRIPT, script), LIMITS, dir);
        assertEquals(new CodeSummary(1, script.length, "main.js"), summary);
        assertEquals("Parse.Cloud.define('hi', () => 'hé');", Files.readString(dir.resolve("main.js")));
        assertThrows(InvalidCodeException.class, () -> CodeArchive.inspect(
                new CodeBundle(CodeBundle.Format.JAVASCRIPT, new byte[] {(byte) 0xff, (byte) 0xfe}), LIMITS));
        assertThrows(InvalidCodeException.class, () -> CodeArchive.inspect(
                new CodeBundle(CodeBundle.Format.JAVASCRIPT, new byte[0]), LIMITS));
    }
}
