package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.provisioning.spi.CodeDeploymentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmInstallerTest {
    @TempDir
    Path dir;

    @Test
    void installScriptsAreIgnoredUnlessTheOperatorAllowsThem() {
        List<String> safe = new NpmInstaller(NpmOptions.defaults(), dir.resolve(".npm")).command();
        assertEquals(List.of("npm", "ci", "--omit=dev", "--no-audit", "--no-fund", "--no-update-notifier",
                "--cache=" + dir.resolve(".npm"), "--ignore-scripts"), safe);
        List<String> allowed = new NpmInstaller(new NpmOptions("/opt/npm", true, Optional.of("https://npm.example"),
                Duration.ofMinutes(1)), dir.resolve(".npm")).command();
        assertEquals("/opt/npm", allowed.get(0));
        assertFalse(allowed.contains("--ignore-scripts"));
        assertTrue(allowed.contains("--registry=https://npm.example"), allowed.toString());
    }

    @Test
    void anInstallPastItsTimeoutIsStoppedAndFailsTheDeploy() throws Exception {
        Path slow = dir.resolve("slow-npm");
        Files.writeString(slow, "#!/bin/sh\nsleep 30\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path project = Files.createDirectories(dir.resolve("project"));
        NpmInstaller installer = new NpmInstaller(new NpmOptions(slow.toString(), false, Optional.empty(),
                Duration.ofMillis(500)), dir.resolve(".npm"));
        long start = System.nanoTime();
        CodeDeploymentException e = assertThrows(CodeDeploymentException.class, () -> installer.install(project));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "stopped, not waited for");
        assertEquals("DependenciesFailed", e.reason());
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    @Test
    void aMissingNpmIsReportedAsSuch() {
        NpmInstaller installer = new NpmInstaller(new NpmOptions(dir.resolve("no-npm").toString(), false,
                Optional.empty(), Duration.ofMinutes(1)), dir.resolve(".npm"));
        CodeDeploymentException e = assertThrows(CodeDeploymentException.class, () -> installer.install(dir));
        assertTrue(e.getMessage().startsWith("could not run npm"), e.getMessage());
        assertFalse(e.getMessage().contains(dir.toString()), "no platform path reaches the app's owner");
    }

    @Test
    void blankCommandsAndNonPositiveTimeoutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NpmOptions(" ", false, Optional.empty(),
                Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new NpmOptions("npm", false, Optional.empty(),
                Duration.ZERO));
    }
}
