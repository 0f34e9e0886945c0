package dev.reparse.controlplane.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.provisioning.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantConditionsTest {
    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

    private static Condition tenant(String type, String status, String reason, String message) {
        Condition seen = TenantConditions.of(new Condition(type, status, reason, message, SINCE));
        assertEquals(type, seen.type());
        assertEquals(status, seen.status());
        assertEquals(SINCE, seen.lastTransitionTime());
        return seen;
    }

    @Test
    void aDeployedVersionKeepsItsNumberButNotItsFolder() {
        Condition seen = tenant("CloudCode", "True", "Deployed",
            "version 3 (sha256 0123456789ab…) is in /srv/reparse/apps/x/cloud; the runtime loads it without a restart");
        assertEquals("version 3 is deployed; it runs without a restart", seen.message());
    }

    @Test
    void aReleaseThatDoesNotLoadShowsItsOwnErrorAndWhatKeepsServing() {
        String message = "version 4 failed to load: SyntaxError: Unexpected end of input (main.js:3); version 3 keeps serving";
        Condition seen = tenant("CloudCode", "False", "LoadFailed", message);
        assertEquals("LoadFailed", seen.reason());
        assertEquals(message, seen.message());
    }

    @Test
    void aReleaseStillLoadingKeepsItsVersionButNotTheProbesError() {
        Condition seen = tenant("CloudCode", "Unknown", "Loading", "version 5 is in place; the runtime has not loaded it "
            + "after 40 s: the runtime did not answer GET /cloud_code/status: http://127.0.0.1:4711");
        assertEquals("version 5 is in place; the app's server has not loaded it yet", seen.message());
    }

    @Test
    void aFailedStepSaysWhatFailedWithoutTheException() {
        Condition seen = tenant("Bucket", "False", "Failed", "Unable to execute HTTP request: http://10.0.0.7:9000");
        assertFalse(seen.message().contains("10.0.0.7"), seen.message());
        assertTrue(seen.message().startsWith("the app's file storage could not be set up"), seen.message());
        Condition ready = tenant("Ready", "False", "BucketFailed", "Bucket: Unable to execute HTTP request: http://10.0.0.7");
        assertTrue(ready.message().startsWith("the app's file storage could not be set up"), ready.message());
        assertEquals("BucketFailed", ready.reason());
    }

    @Test
    void innerArrangementsBecomeProvisioned() {
        Condition seen = tenant("Bucket", "True", "SharedCredentials", "bucket b at http://s3:9000; shared credentials");
        assertEquals("Provisioned", seen.reason());
        assertEquals("the app's file storage is ready", seen.message());
    }

    @Test
    void aCrashKeepsItsReasonAndTellsWhatToCheck() {
        Condition seen = tenant("Runtime", "False", "Crashed", "pid 4242 exited on its own; restart 2 in 1000 ms");
        assertEquals("Crashed", seen.reason());
        assertFalse(seen.message().contains("4242"), seen.message());
    }

    @Test
    void retentionDatesStayAsProvisioningWroteThem() {
        String message = "the app is deleted; its data is kept until 2026-02-01T00:00:00Z, then dropped";
        assertEquals(message, tenant("Ready", "False", "DataRetained", message).message());
    }
}
