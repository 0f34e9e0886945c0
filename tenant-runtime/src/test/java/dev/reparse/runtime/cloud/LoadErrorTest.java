package dev.reparse.runtime.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadErrorTest {
    private static final Path STAGED = Path.of("/tmp/reparse-cloud-app-123");

    @Test
    void aSyntaxErrorNamesTheAppsFileAndLineAndNothingOutsideIt() {
        LoadError error = LoadError.of("/tmp/reparse-cloud-app-123/cloud/main.js:3\n\n\n\nSyntaxError: Unexpected end "
                + "of input\n    at wrapSafe (node:internal/modules/cjs/loader:1464:18)\n    at Object.<anonymous> "
                + "(/opt/reparse/tenant-runtime/cloud-runner/runner.js:57:5)", STAGED);
        assertEquals("SyntaxError: Unexpected end of input (cloud/main.js:3)", error.summary());
        assertEquals("cloud/main.js:3\n\nSyntaxError: Unexpected end of input", error.text());
    }

    @Test
    void aThrowAtLoadKeepsTheAppsFramesOnly() {
        LoadError error = LoadError.of("Error: boom at load\n    at Object.<anonymous> (/tmp/reparse-cloud-app-123/main.js"
                + ":2:7)\n    at Module._compile (node:internal/modules/cjs/loader:1521:14)\n    at require "
                + "(/opt/reparse/cloud-runner/runner.js:57:5)", STAGED);
        assertEquals("Error: boom at load (main.js:2)", error.summary());
        assertEquals("Error: boom at load\n    at Object.<anonymous> (main.js:2:7)", error.text());
    }

    @Test
    void aMissingModuleHidesTheRunnersPathInTheRequireStack() {
        LoadError error = LoadError.of("Error: Cannot find module './answer.js'\nRequire stack:\n- /tmp/reparse-cloud-app-"
                + "123/main.js\n- /opt/reparse/cloud-runner/runner.js\n    at Module._resolveFilename (node:internal/modules"
                + "/cjs/loader:1207:15)\n    at Object.<anonymous> (/tmp/reparse-cloud-app-123/main.js:1:1)", STAGED);
        assertEquals("Error: Cannot find module './answer.js' (main.js:1)", error.summary());
        assertFalse(error.text().contains("/opt"), error.text());
        assertFalse(error.text().contains("/tmp"), error.text());
        assertTrue(error.text().contains("- main.js"), error.text());
    }

    @Test
    void aMessageWithoutAStackKeepsItsFirstLineWithPathsMasked() {
        LoadError error = LoadError.plain("could not start the Cloud Code runner: Cannot run program /usr/bin/node\nmore");
        assertEquals("could not start the Cloud Code runner: Cannot run program …", error.summary());
    }
}
