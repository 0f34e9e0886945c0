package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.RequestLogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRequestLogsTest {
    @TempDir
    Path dir;

    private static String line(int second, int status, String path, String error) {
        return "{\"time\":\"2026-12-03T10:00:0" + second + "Z\",\"level\":\"" + (status >= 400 ? "error" : "info")
            + "\",\"method\":\"GET\",\"path\":\"" + path + "\",\"status\":" + status
            + (error == null ? "" : ",\"code\":209,\"error\":\"" + error + "\"") + ",\"ms\":3}";
    }

    private Path log() throws Exception {
        Path file = dir.resolve("requests.log");
        Files.write(dir.resolve("requests.log.1"), List.of(line(1, 200, "/parse/old", null), line(2, 400, "/parse/users/me",
            "Invalid session token")));
        Files.write(file, List.of(line(3, 200, "/parse/classes/A", null), "{\"half\":", line(4, 403, "/parse/classes/B",
            null)));
        return file;
    }

    @Test
    void readsNewestFirstAcrossTheRotatedFileAndSkipsBrokenLines() throws Exception {
        List<RequestLogEntry> lines = LocalRequestLogs.read(log(), LogQuery.of(null, null, null));
        assertEquals(List.of("/parse/classes/B", "/parse/classes/A", "/parse/users/me", "/parse/old"),
            lines.stream().map(RequestLogEntry::path).toList());
        assertEquals(209, lines.get(2).code());
        assertNull(lines.get(0).code());
    }

    @Test
    void filtersByLevelTextAndLimit() throws Exception {
        Path file = log();
        assertEquals(List.of(403, 400), LocalRequestLogs.read(file, LogQuery.of("error", null, null)).stream()
            .map(RequestLogEntry::status).toList());
        assertEquals(List.of("/parse/users/me"), LocalRequestLogs.read(file, LogQuery.of("info", "session TOKEN", 10))
            .stream().map(RequestLogEntry::path).toList());
        assertEquals(1, LocalRequestLogs.read(file, LogQuery.of("info", null, 1)).size());
    }

    @Test
    void noLogYetIsNoLines() {
        assertEquals(List.of(), LocalRequestLogs.read(dir.resolve("none.log"), LogQuery.of(null, null, null)));
    }

    @Test
    void badQueriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogQuery.of("debug", null, null));
        assertThrows(IllegalArgumentException.class, () -> LogQuery.of(null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> LogQuery.of(null, null, 1001));
    }
}
