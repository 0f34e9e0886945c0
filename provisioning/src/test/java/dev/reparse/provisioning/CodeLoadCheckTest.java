package dev.reparse.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.provisioning.spi.CodeStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeLoadCheckTest {
    private static final CloudCodeRelease V1 = new CloudCodeRelease(1, "ab".repeat(32));
    private static final CloudCodeRelease V2 = new CloudCodeRelease(2, "cd".repeat(32));

    private static CodeStatus.Attempt failed(CloudCodeRelease release, String error) {
        return new CodeStatus.Attempt(Optional.of(release), Optional.of(error));
    }

    @Test
    void aFirstReleaseThatDoesNotLoadLeavesTheAppWithoutCloudCodeAndSaysSo() {
        CodeStatus status = new CodeStatus(false, Optional.empty(), Optional.of(failed(V1, "Error: boom (main.js:2)")));
        CodeLoadCheck.Verdict verdict = CodeLoadCheck.verdict(V1, status).orElseThrow();
        assertEquals("LoadFailed", verdict.reason());
        assertEquals("version 1 failed to load: Error: boom (main.js:2); the app serves without Cloud Code until a "
                + "release loads", verdict.message());
    }

    @Test
    void theOldReleaseRunningWhileTheNewOneWasNotTriedYetIsNoVerdict() {
        CodeStatus status = new CodeStatus(true, Optional.of(V1), Optional.of(new CodeStatus.Attempt(Optional.of(V1),
                Optional.empty())));
        assertEquals(Optional.empty(), CodeLoadCheck.verdict(V2, status));
        assertTrue(CodeLoadCheck.verdict(V1, status).orElseThrow().loaded());
    }

    @Test
    void anOlderFailureIsNotTheNewReleasesAnswer() {
        CodeStatus status = new CodeStatus(true, Optional.of(V1), Optional.of(failed(V1, "SyntaxError: x")));
        assertEquals(Optional.empty(), CodeLoadCheck.verdict(V2, status));
    }
}
