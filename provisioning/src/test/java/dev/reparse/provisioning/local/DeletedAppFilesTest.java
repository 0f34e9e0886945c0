package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeletedAppFilesTest {
    private static final Instant DELETED = Instant.parse("2026-01-01T00:00:00Z");

    private static Path app(Path apps, String id) throws Exception {
        Path dir = Files.createDirectories(apps.resolve(id));
        Files.writeString(dir.resolve("runtime.log"), "last words\n");
        return dir;
    }

    private static DeletedAppFiles at(Path apps, Duration retention, Instant now) {
        return new DeletedAppFiles(apps, retention, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aDeletedAppsFolderStaysUntilTheRetentionEndsThenGoes(@TempDir Path apps) throws Exception {
        Path gone = app(apps, "gone");
        DeletedAppFiles.markDeleted(gone, DELETED);

        assertEquals(List.of(), at(apps, Duration.ofDays(7), DELETED.plus(Duration.ofDays(6))).sweep());
        assertTrue(Files.exists(gone.resolve("runtime.log")), "the log is kept during the retention");

        assertEquals(List.of("gone"), at(apps, Duration.ofDays(7), DELETED.plus(Duration.ofDays(7))).sweep());
        assertFalse(Files.exists(gone));
    }

    @Test
    void aLiveAppsFolderIsNeverSwept(@TempDir Path apps) throws Exception {
        Path live = app(apps, "live");
        assertEquals(List.of(), at(apps, Duration.ZERO, DELETED.plus(Duration.ofDays(365))).sweep());
        assertTrue(Files.exists(live.resolve("runtime.log")));
    }

    @Test
    void zeroRetentionRemovesTheFolderAtTheNextSweep(@TempDir Path apps) throws Exception {
        Path gone = app(apps, "gone");
        DeletedAppFiles.markDeleted(gone, DELETED);
        assertEquals(List.of("gone"), at(apps, Duration.ZERO, DELETED).sweep());
        assertFalse(Files.exists(gone));
    }

    @Test
    void markingAgainKeepsTheFirstDeletionTime(@TempDir Path apps) throws Exception {
        Path gone = app(apps, "gone");
        DeletedAppFiles.markDeleted(gone, DELETED);
        DeletedAppFiles.markDeleted(gone, DELETED.plus(Duration.ofDays(6)));
        assertEquals(List.of("gone"), at(apps, Duration.ofDays(7), DELETED.plus(Duration.ofDays(7))).sweep());
    }

    @Test
    void aNegativeRetentionIsRefused(@TempDir Path apps) {
        assertThrows(IllegalArgumentException.class, () -> at(apps, Duration.ofDays(-1), DELETED));
    }
}
