package dev.reparse.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.provisioning.spi.CodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final AppKeys KEYS = new AppKeys("master", "", "", "js", "", "", "", "");

    private final FakeBackends fake = new FakeBackends();
    private final MutableClock clock = new MutableClock(START);
    private Reconciler reconciler = new Reconciler(fake.backends(),
            new ReconcilerOptions(Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(200)), clock);

    @AfterEach
    void close() {
        reconciler.close();
    }

    private static AppSpec spec(String id, long generation, boolean deleted, int retainDays) {
        AppSettings settings = new AppSettings(true, false, false, true, true, 30, retainDays);
        return new AppSpec(id, generation, id, KEYS, settings, deleted);
    }

    private AppStatus await(String id, Predicate<AppStatus> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<AppStatus> status = reconciler.status(id);
            if (status.isPresent() && done.test(status.get())) {
                return status.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("status of " + id + " never matched; last: " + reconciler.status(id));
    }

    @Test
    void provisionsInOrderAndReportsReadyWithUpstream() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        AppStatus status = await("a", AppStatus::ready);
        assertEquals(List.of("database", "bucket", "secrets", "code", "runtime"), fake.callsOf("a").subList(0, 5));
        assertEquals(1, status.observedGeneration());
        assertEquals(Optional.of("http://127.0.0.1:9/parse"), status.upstream());
        assertEquals(List.of("Database", "Bucket", "Secrets", "CloudCode", "Runtime", "Route", "Ready"),
                status.conditions().stream().map(Condition::type).toList());
        assertEquals("SharedCredentials", status.condition("Bucket").orElseThrow().reason());
    }

    @Test
    void keepsTransitionTimeWhileStatusStaysAndObservesNewGenerations() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        Instant readySince = await("a", AppStatus::ready).condition("Ready").orElseThrow().lastTransitionTime();
        clock.advance(Duration.ofMinutes(5));
        reconciler.apply(spec("a", 2, false, 0));
        AppStatus status = await("a", s -> s.observedGeneration() == 2);
        assertEquals(readySince, status.condition("Ready").orElseThrow().lastTransitionTime());
    }

    @Test
    void failedStepStopsThePassThenRetriesWithBackoffUntilReady() throws InterruptedException {
        fake.failNext("bucket", 2);
        List<AppStatus> seen = new CopyOnWriteArrayList<>();
        reconciler.onStatusChange(seen::add);
        reconciler.apply(spec("a", 1, false, 0));
        await("a", AppStatus::ready);
        AppStatus failed = seen.get(0);
        assertEquals("False", failed.condition("Bucket").orElseThrow().status());
        assertEquals("BucketFailed", failed.condition("Ready").orElseThrow().reason());
        assertEquals("Unknown", failed.condition("Runtime").orElseThrow().status());
        assertTrue(failed.condition("Bucket").orElseThrow().message().contains("bucket is down"));
        assertEquals(3, fake.callsOf("a").stream().filter("bucket"::equals).count());
        assertEquals(1, fake.callsOf("a").stream().filter("runtime"::equals).count());
    }

    @Test
    void runsOnePassPerAppAtATimeAndEndsOnTheLatestGeneration() throws InterruptedException {
        fake.runtimeDelayMillis = 30;
        for (long generation = 1; generation <= 6; generation++) {
            reconciler.apply(spec("a", generation, false, 0));
        }
        AppStatus status = await("a", s -> s.observedGeneration() == 6 && s.ready());
        assertTrue(status.ready());
        assertEquals(1, fake.maxInFlight.get());
        assertTrue(fake.callsOf("a").stream().filter("runtime"::equals).count() < 6, fake.calls.toString());
    }

    @Test
    void ignoresAnOlderGenerationArrivingLate() throws InterruptedException {
        reconciler.apply(spec("a", 5, false, 0));
        await("a", AppStatus::ready);
        reconciler.apply(spec("a", 4, true, 0));
        Thread.sleep(100);
        assertEquals(5, reconciler.status("a").orElseThrow().observedGeneration());
        assertFalse(fake.callsOf("a").contains("stopRuntime"));
    }

    @Test
    void reconcilesDifferentAppsInParallel() throws InterruptedException {
        fake.runtimeDelayMillis = 300;
        long start = System.nanoTime();
        for (String id : List.of("a", "b", "c", "d")) {
            reconciler.apply(spec(id, 1, false, 0));
        }
        for (String id : List.of("a", "b", "c", "d")) {
            await(id, AppStatus::ready);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000);
        assertTrue(fake.maxInFlight.get() > 1);
    }

    @Test
    void deploysTheSpecsCloudCodeBeforeTheRuntimeAndReportsItsVersion() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        AppStatus none = await("a", AppStatus::ready);
        assertEquals("NoCode", none.condition("CloudCode").orElseThrow().reason());
        CloudCodeRelease release = new CloudCodeRelease(2, "ab".repeat(32));
        reconciler.apply(spec("a", 2, false, 0).withCloudCode(Optional.of(release)));
        AppStatus deployed = await("a", s -> s.observedGeneration() == 2 && s.ready());
        Condition code = deployed.condition("CloudCode").orElseThrow();
        assertEquals("True", code.status());
        assertEquals("Deployed", code.reason());
        assertEquals("version 2", code.message());
        List<String> calls = fake.callsOf("a").stream().filter(c -> !c.equals("codeStatus")).toList();
        assertEquals(List.of("code", "runtime"), calls.subList(calls.size() - 2, calls.size()));
    }

    @Test
    void aFailingCodeStepHoldsBackTheRuntimeStepAndIsRetried() throws InterruptedException {
        fake.failNext("code", 1);
        List<AppStatus> seen = new CopyOnWriteArrayList<>();
        reconciler.onStatusChange(seen::add);
        reconciler.apply(spec("a", 1, false, 0).withCloudCode(Optional.of(new CloudCodeRelease(1, "cd".repeat(32)))));
        await("a", AppStatus::ready);
        AppStatus failed = seen.get(0);
        assertEquals("False", failed.condition("CloudCode").orElseThrow().status());
        assertEquals("CloudCodeFailed", failed.condition("Ready").orElseThrow().reason());
        assertEquals("Unknown", failed.condition("Runtime").orElseThrow().status());
        assertEquals(1, fake.callsOf("a").stream().filter("runtime"::equals).count());
    }

    @Test
    void aRefusedReleaseReportsItsOwnReasonAndMessageWhileTheAppKeepsServing() throws InterruptedException {
        fake.refuseCode = new dev.reparse.provisioning.spi.CodeDeploymentException("DependenciesFailed",
                "npm error 404 Not Found - GET https://registry.npmjs.org/nope");
        reconciler.apply(spec("a", 1, false, 0).withCloudCode(Optional.of(new CloudCodeRelease(1, "cd".repeat(32)))));
        AppStatus failed = await("a", s -> s.condition("CloudCode").filter(c -> c.status().equals("False"))
                .isPresent());
        assertEquals("DependenciesFailed", failed.condition("CloudCode").orElseThrow().reason());
        assertTrue(failed.condition("CloudCode").orElseThrow().message().contains("404 Not Found"));
        // the code deployed before keeps serving: the runtime runs and the route stays published
        assertEquals("True", failed.condition("Runtime").orElseThrow().status());
        assertEquals("True", failed.condition("Ready").orElseThrow().status());
        assertTrue(failed.upstream().isPresent());
    }

    @Test
    void cloudCodeIsDeployedOnlyOnceTheRuntimeRunsItAndABrokenReleaseSaysWhyWhileTheAppServes()
            throws InterruptedException {
        CloudCodeRelease good = new CloudCodeRelease(1, "ab".repeat(32));
        CloudCodeRelease broken = new CloudCodeRelease(2, "cd".repeat(32));
        fake.codeStatus = app -> Optional.of(new CodeStatus(true, Optional.of(good), Optional.of(
                app.cloudCode().orElseThrow().equals(good) ? new CodeStatus.Attempt(Optional.of(good), Optional.empty())
                        : new CodeStatus.Attempt(Optional.of(broken), Optional.of("SyntaxError: Unexpected end of input "
                                + "(main.js:3)")))));
        reconciler.apply(spec("a", 1, false, 0).withCloudCode(Optional.of(good)));
        Condition deployed = await("a", AppStatus::ready).condition("CloudCode").orElseThrow();
        assertEquals("Deployed", deployed.reason());
        assertTrue(deployed.message().startsWith("version 1 is deployed and runs"), deployed.message());

        reconciler.apply(spec("a", 2, false, 0).withCloudCode(Optional.of(broken)));
        AppStatus failed = await("a", s -> s.observedGeneration() == 2);
        Condition code = failed.condition("CloudCode").orElseThrow();
        assertEquals("False", code.status());
        assertEquals("LoadFailed", code.reason());
        assertEquals("version 2 failed to load: SyntaxError: Unexpected end of input (main.js:3); version 1 keeps serving",
                code.message());
        assertTrue(failed.ready(), "the previous code serves, so the app is up");
        assertTrue(failed.upstream().isPresent());
    }

    @Test
    void aReleaseTheRuntimeNeverLoadsIsLoadingAndRetried() throws InterruptedException {
        reconciler.close();
        reconciler = new Reconciler(fake.backends(), new ReconcilerOptions(Duration.ofMinutes(1), Duration.ofMillis(20),
                Duration.ofMillis(50), Duration.ofMillis(300)), clock);
        fake.codeStatus = app -> Optional.of(new CodeStatus(false, Optional.empty(), Optional.empty()));
        reconciler.apply(spec("a", 1, false, 0).withCloudCode(Optional.of(new CloudCodeRelease(1, "ab".repeat(32)))));
        AppStatus loading = await("a", s -> s.condition("CloudCode").filter(c -> c.reason().equals("Loading")).isPresent());
        assertEquals("Unknown", loading.condition("CloudCode").orElseThrow().status());
        assertTrue(loading.ready());
        assertTrue(loading.condition("CloudCode").orElseThrow().message().startsWith("version 1 is in place"));
        long probes = fake.callsOf("a").stream().filter("codeStatus"::equals).count();
        await("a", s -> fake.callsOf("a").stream().filter("codeStatus"::equals).count() > probes);
    }

    @Test
    void deleteTearsDownInReverseOrder() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        await("a", AppStatus::ready);
        reconciler.apply(spec("a", 2, true, 0));
        AppStatus status = await("a", s -> s.condition("Ready").orElseThrow().reason().equals("Deleted"));
        List<String> calls = fake.callsOf("a");
        assertEquals(List.of("stopRuntime", "deleteSecrets", "removeCode", "dropDatabase", "deleteBucket"),
                calls.subList(calls.indexOf("stopRuntime"), calls.size()));
        assertEquals(Optional.empty(), status.upstream());
        assertEquals("Removed", status.condition("Route").orElseThrow().reason());
    }

    @Test
    void retainsDataUntilThePurgeTimeThenDropsIt() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        await("a", AppStatus::ready);
        clock.advance(Duration.ofHours(1));
        reconciler.apply(new AppSpec("a", 2, "a", KEYS, new AppSettings(true, false, false, true, true, 30, 2), true,
                Optional.of(START)));
        AppStatus retained = await("a", s -> s.condition("Ready").orElseThrow().reason().equals("DataRetained"));
        assertTrue(retained.condition("Database").orElseThrow().message().contains("2025-01-03T00:00:00Z"),
                retained.condition("Database").orElseThrow().message());
        assertFalse(fake.callsOf("a").contains("dropDatabase"));
        clock.advance(Duration.ofDays(2));
        await("a", s -> s.condition("Ready").orElseThrow().reason().equals("Deleted"));
        assertTrue(fake.callsOf("a").contains("dropDatabase"));
        assertTrue(fake.callsOf("a").contains("deleteBucket"));
    }

    @Test
    void reflectsARuntimeCrashWithoutReprovisioning() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        await("a", AppStatus::ready);
        int callsBefore = fake.callsOf("a").size();
        fake.crash("a");
        AppStatus crashed = await("a", s -> !s.ready());
        assertEquals("Crashed", crashed.condition("Runtime").orElseThrow().reason());
        assertEquals(Optional.empty(), crashed.upstream());
        assertEquals(callsBefore, fake.callsOf("a").size());
    }

    @Test
    void resyncHealsDriftPeriodically() throws InterruptedException {
        reconciler.apply(spec("a", 1, false, 0));
        await("a", AppStatus::ready);
        fake.crash("a");
        await("a", s -> !s.ready());
        await("a", AppStatus::ready);
        assertTrue(fake.callsOf("a").stream().filter("runtime"::equals).count() >= 2);
    }

    @Test
    void closeStopsEveryRuntime() {
        reconciler.close();
        assertTrue(fake.calls.contains("close all"));
    }
}
