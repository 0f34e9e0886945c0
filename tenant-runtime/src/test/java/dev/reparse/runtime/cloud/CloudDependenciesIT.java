package dev.reparse.runtime.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's own npm dependencies, as the platform's deployer installs them ({@code npm ci} beside the code), are
 * what its {@code require} finds through the runner, also when the runner runs a staged copy as {@code nobody}; the
 * app's own copy of {@code parse} does not replace the runner's SDK.
 */
class CloudDependenciesIT {
    private static final String PACKAGE = """
            {"name": "cloud", "version": "1.0.0", "private": true, "dependencies": {"is-odd": "3.0.1"}}
            """;
    private static final String LOCK = """
            {"name": "cloud", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {
              "": {"name": "cloud", "version": "1.0.0", "dependencies": {"is-odd": "3.0.1"}},
              "node_modules/is-number": {"version": "6.0.0", "integrity":
                "sha512-Wu1VHeILBK8KAWJUAiSZQX94GmOE45Rg6/538fKwiloUu21KncEkYGPqob2oSZ5mUT73vLGrHQjKw3KMPwfDzg=="},
              "node_modules/is-odd": {"version": "3.0.1", "integrity":
                "sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA==",
                "dependencies": {"is-number": "^6.0.0"}}}}
            """;
    private static final String MAIN = """
            const isOdd = require('is-odd');
            Parse.Cloud.define('odd', req => isOdd(req.params.n));
            Parse.Cloud.define('where', () => require.resolve('is-odd').startsWith(require('path').dirname(__dirname)));
            Parse.Cloud.define('sameParse', () => require('parse/node') === Parse);
            Parse.Cloud.define('uid', () => process.getuid());
            """;

    @TempDir
    static Path code;
    private static CloudTestApp app;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(code.resolve("package.json"), PACKAGE);
        Files.writeString(code.resolve("package-lock.json"), LOCK);
        Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(code.toFile()).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, npm.waitFor(), out);
        // the app's own parse, which would break the runner if it were loaded in place of the runner's SDK
        Path appParse = Files.createDirectories(code.resolve("node_modules/parse"));
        Files.writeString(appParse.resolve("package.json"), "{\"name\": \"parse\", \"version\": \"0.0.1\"}");
        Files.writeString(appParse.resolve("node.js"), "throw new Error('the app\\'s own parse was loaded');");
        Files.writeString(appParse.resolve("index.js"), "throw new Error('the app\\'s own parse was loaded');");
        Files.writeString(Files.createDirectories(code.resolve("cloud")).resolve("main.js"), MAIN);
        app = new CloudTestApp("clouddeps", code, Optional.empty());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theCodeRequiresItsOwnInstalledPackages() {
        assertEquals(true, result("odd", Map.of("n", 3)));
        assertEquals(false, result("odd", Map.of("n", 4)));
        assertEquals(true, result("where", Map.of()), "is-odd resolves inside the staged code, not the runner's");
    }

    @Test
    void theAppsOwnParseDependencyDoesNotReplaceTheRunnersSdk() {
        assertEquals(true, result("sameParse", Map.of()));
    }

    @Test
    void asRootTheRunnerRunsTheStagedCodeAsNobody() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        boolean root = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0");
        Object uid = result("uid", Map.of());
        if (root) {
            Process nobody = new ProcessBuilder("id", "-u", "nobody").start();
            String expected = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(expected, String.valueOf(((Number) uid).intValue()));
        }
    }

    private static Object result(String function, Map<String, Object> params) {
        return app.result(function, params);
    }
}
