package dev.reparse.controlplane.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailableMemoryTest {

    @Test
    void readsMemAvailableInBytes(@TempDir Path dir) throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"),
            "MemTotal:       24683520 kB\nMemFree:        19154944 kB\nMemAvailable:     262144 kB\n");
        assertEquals(Optional.of(262144L * 1024), AvailableMemory.available(meminfo));
    }

    @Test
    void isEmptyWithoutAMeminfoOrItsLine(@TempDir Path dir) throws IOException {
        assertEquals(Optional.empty(), AvailableMemory.available(dir.resolve("absent")));
        assertEquals(Optional.empty(), AvailableMemory.available(Files.writeString(dir.resolve("m"), "MemTotal: 1 kB\n")));
    }
}
