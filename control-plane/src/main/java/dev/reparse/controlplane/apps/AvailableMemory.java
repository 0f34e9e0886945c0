package dev.reparse.controlplane.apps;

import dev.reparse.controlplane.ControlPlaneConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local backend's memory check: every app is a runtime JVM on this machine, so a new one needs memory the machine
 * still has (Linux {@code MemAvailable}). Other backends place runtimes elsewhere and are not checked here.
 */
final class AvailableMemory {
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final long MB = 1024 * 1024;

    private AvailableMemory() {
    }

    /** Why a new app does not fit, when it does not. */
    static Optional<String> shortage(ControlPlaneConfig config) {
        long wanted = config.platform().minAvailableMemory().asLongValue();
        if (wanted <= 0 || !config.provisioning().backend().equals("local")) {
            return Optional.empty();
        }
        return available(MEMINFO).filter(bytes -> bytes < wanted).map(bytes -> "The platform's machine has "
            + bytes / MB + " MB of memory available, less than the " + wanted / MB + " MB a new app needs "
            + "(reparse.platform.min-available-memory). Delete an app you no longer use, or ask the platform's operator "
            + "to add memory.");
    }

    /** {@code MemAvailable} of a meminfo file, in bytes; empty where there is none (not Linux). */
    static Optional<Long> available(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String kb = line.substring("MemAvailable:".length()).replace("kB", "").trim();
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
