package dev.reparse.runtime.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.http.ApiResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime that restarts while the app's folder holds a release that does not load keeps running the release before
 * it, from the copy it kept ({@code reparse.cloud.keep-dir}); without a kept copy it runs no code and says why.
 */
class CloudKeptReleaseIT {
    private static final String V1 = "Parse.Cloud.define('version', () => 'v1');\n";
    private static final String BROKEN = "Parse.Cloud.define('version', () => 'v2' ;\n";
    private static final String V3 = "Parse.Cloud.define('version', () => 'v3');\n";

    @TempDir
    Path code;
    @TempDir
    Path data;

    @Test
    void aRestartWithABrokenReleaseInPlaceRunsTheLastOneThatLoaded() throws Exception {
        Path kept = data.resolve("cloud-last-good");
        Files.writeString(code.resolve("main.js"), V1);
        try (CloudTestApp first = new CloudTestApp("kept1", code, Optional.of(kept))) {
            assertEquals("v1", first.result("version", Map.of()));
            awaitFile(kept.resolve("main.js"));
        }
        Files.writeString(code.resolve("main.js"), BROKEN);
        try (CloudTestApp restarted = new CloudTestApp("kept2", code, Optional.of(kept))) {
            assertEquals("v1", restarted.result("version", Map.of()), "the kept release answers");
            Map<String, Object> status = restarted.cloud.codeStatus(Auth.ofMaster());
            Map<?, ?> tried = (Map<?, ?>) status.get("lastTried");
            assertEquals(false, tried.get("loaded"), "the broken release is reported: " + status);
            assertTrue(String.valueOf(tried.get("error")).contains("SyntaxError"), String.valueOf(status));
            assertTrue(status.get("running") != null, "and the kept one runs: " + status);

            Files.writeString(code.resolve("main.js"), V3);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Object answer = null;
            while (System.nanoTime() < deadline && !"v3".equals(answer)) {
                answer = restarted.result("version", Map.of());
                Thread.sleep(200);
            }
            assertEquals("v3", answer, "a release that loads replaces the kept one");
            awaitContent(kept.resolve("main.js"), V3);
        }
    }

    @Test
    void withoutAKeptCopyABrokenReleaseAtStartRunsNoCodeAndSaysWhy() throws Exception {
        Files.writeString(code.resolve("main.js"), BROKEN);
        try (CloudTestApp app = new CloudTestApp("kept3", code, Optional.empty())) {
            ApiResponse answer = app.call("version", Map.of());
            assertEquals(400, answer.status(), String.valueOf(answer.body()));
            assertEquals(141, ((Map<?, ?>) answer.body()).get("code"));
            assertTrue(String.valueOf(((Map<?, ?>) answer.body()).get("error")).contains("failed to load"), String.valueOf(answer.body()));
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " was kept");
    }

    private static void awaitContent(Path file, String content) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !(Files.exists(file) && Files.readString(file).equals(content))) {
            Thread.sleep(50);
        }
        assertEquals(content, Files.readString(file));
    }
}
