package dev.reparse.controlplane.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.provisioning.cloud.CodeArchive;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.cloud.CodeLimits;
import dev.reparse.provisioning.cloud.CodeSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployBundleTest {
    private static final CodeLimits LIMITS = new CodeLimits(10 << 20, 100 << 20, 5000);

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void aProjectFolderIsZippedInTheLayoutThePlatformTakes() throws Exception {
        write("cloud/main.js", "require('./lib/answer.js');");
        write("cloud/lib/answer.js", "Parse.Cloud.define('a', () => 42);");
        write("cloud/node_modules/left-pad/index.js", "installed by the platform");
        write("cloud/.secret", "not deployed");
        write("package.json", "{\"name\":\"app\"}");
        write("package-lock.json", "{}");
        write("public/index.html", "<p>hi</p>");
        write("README.md", "not deployed");
        write("test/main.test.js", "not deployed");
        DeployBundle bundle = DeployBundle.of(dir);
        assertEquals("application/zip", bundle.contentType());
        List<String> expected = List.of("cloud/lib/answer.js", "cloud/main.js", "package-lock.json", "package.json",
            "public/index.html");
        assertEquals(expected, bundle.files());
        assertEquals(expected, entries(bundle.content()));
        CodeSummary summary = CodeArchive.inspect(new CodeBundle(CodeBundle.Format.ZIP, bundle.content()), LIMITS);
        assertEquals("cloud/main.js", summary.main());
        assertEquals(5, summary.files());
        assertArrayEquals(bundle.content(), DeployBundle.of(dir).content(), "the same files zip to the same bytes");
    }

    @Test
    void aRootMainJsAndASingleFileWorkToo() throws Exception {
        write("main.js", "Parse.Cloud.define('a', () => 1);");
        write("other.txt", "left out");
        DeployBundle folder = DeployBundle.of(dir);
        assertEquals(List.of("main.js"), entries(folder.content()));
        assertEquals("main.js",
            CodeArchive.inspect(new CodeBundle(CodeBundle.Format.ZIP, folder.content()), LIMITS).main());

        DeployBundle file = DeployBundle.of(dir.resolve("main.js"));
        assertEquals("application/javascript", file.contentType());
        assertEquals("Parse.Cloud.define('a', () => 1);", new String(file.content(), StandardCharsets.UTF_8));
    }

    @Test
    void aFolderWithoutCodeOrAMissingPathIsRefused() throws Exception {
        write("code/main.js", "x");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> DeployBundle.of(dir));
        assertTrue(none.getMessage().contains("has no cloud/main.js or main.js"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeployBundle.of(dir.resolve("nope")));
        write("notes.txt", "x");
        assertThrows(IllegalArgumentException.class, () -> DeployBundle.of(dir.resolve("notes.txt")));
    }

    @Test
    void rollbackDefaultsToTheReleaseBeforeTheActiveOne() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> releases = new ArrayList<>();
        json.readTree("[{\"version\":5,\"active\":false},{\"version\":4,\"active\":true},{\"version\":2,\"active\":false}]")
            .forEach(releases::add);
        assertEquals(2, PlatformCli.previous(releases));
        List<JsonNode> oldestActive = List.of(json.readTree("{\"version\":1,\"active\":true}"));
        PlatformApi.CliException e = assertThrows(PlatformApi.CliException.class,
            () -> PlatformCli.previous(oldestActive));
        assertTrue(e.getMessage().contains("no release before version 1"), e.getMessage());
        assertEquals("v4  *  2026-12-03T10:00:01Z  me@example.com  120 B  fix the hook", PlatformCli.describe(json.readTree(
            "{\"version\":4,\"active\":true,\"uploadedAt\":\"2026-12-03T10:00:01Z\",\"uploadedBy\":\"me@example.com\","
                + "\"size\":120,\"message\":\"fix the hook\"}")));
    }
}
