package dev.reparse.controlplane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformCliTest {
    private static PlatformCli cli(Map<String, String> env) {
        return new PlatformCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env);
    }

    @Test
    void aLogLineReadsAsOneLineWithItsReason() throws Exception {
        String line = "{\"time\":\"2026-12-03T10:00:01Z\",\"level\":\"error\",\"method\":\"GET\",\"path\":\"/parse/classes/A\","
            + "\"status\":403,\"code\":null,\"error\":\"unauthorized: no client key\",\"ms\":1}";
        assertEquals("2026-12-03T10:00:01Z ERROR GET /parse/classes/A 403 unauthorized: no client key (1 ms)",
            PlatformCli.format(new ObjectMapper().readTree(line)));
    }

    @Test
    void aPasswordOnTheCommandLineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> cli(Map.of()).run(List.of("apps", "--password", "secret")));
        assertTrue(e.getMessage().contains("REPARSE_PASSWORD"), e.getMessage());
    }

    @Test
    void withoutCredentialsItSaysWhichToSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> cli(Map.of("REPARSE_EMAIL", "", "REPARSE_PASSWORD", "")).run(List.of("apps")));
        assertTrue(e.getMessage().contains("REPARSE_EMAIL and REPARSE_PASSWORD"), e.getMessage());
    }

    @Test
    void logsNeedsAnApp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> cli(Map.of("REPARSE_ACCOUNT_KEY", "k")).run(List.of("logs")));
        assertEquals("logs needs --app APP_ID", e.getMessage());
    }
}
