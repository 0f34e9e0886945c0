package dev.reparse.provisioning.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code runtime.pid}: which process serves an app on which port, started from which launch
 * (a fingerprint of its command and environment), so a restarted control plane can adopt it.
 */
record PidFile(long pid, int port, String launch) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Optional<PidFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), PidFile.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path file) {
        try {
            LocalFiles.writePrivate(file, JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
