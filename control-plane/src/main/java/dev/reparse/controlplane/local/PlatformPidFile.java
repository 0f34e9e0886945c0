package dev.reparse.controlplane.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <data-dir>/control-plane.pid}: which process runs this data dir's control plane and where it listens, for
 * {@code ./reparse status} and {@code ./reparse down}. One JSON line; removed when the control plane stops cleanly.
 *
 * @param pid the control plane's process
 * @param port the console and control-plane API port
 * @param apiPort the router's (Parse API) port, 0 when local mode runs no router
 * @param host the address both listen on
 */
public record PlatformPidFile(long pid, int port, int apiPort, String host) {
    static final String NAME = "control-plane.pid";

    /** Writes the file (0600), replacing the one a killed control plane left. */
    public void write(Path dataDir) {
        String json = "{\"pid\":" + pid + ",\"port\":" + port + ",\"apiPort\":" + apiPort + ",\"host\":\""
            + host.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n";
        try {
            Path temporary = Files.createTempFile(dataDir, NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dataDir.resolve(NAME), e);
        }
    }

    /** Removes the file, when it still names this process (a newer control plane may have replaced it). */
    public static void delete(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8)
                .startsWith("{\"pid\":" + ProcessHandle.current().pid() + ",")) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // the next start replaces it; status checks the pid anyway
        }
    }
}
