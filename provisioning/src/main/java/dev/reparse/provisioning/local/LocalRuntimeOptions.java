package dev.reparse.provisioning.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How local mode runs tenant runtimes.
 *
 * @param runtimeApp the tenant runtime's build, {@code tenant-runtime/target/quarkus-app}
 * @param dataDir where each app gets {@code apps/<appId>/} (settings file, pid file, log, runtime data, Cloud Code)
 * @param jvmOptions options of each runtime JVM (heap, GC, class-data sharing)
 * @param startTimeout how long a runtime may take to answer its health check
 */
public record LocalRuntimeOptions(Path runtimeApp, Path dataDir, List<String> jvmOptions, Duration startTimeout) {
    public LocalRuntimeOptions {
        Objects.requireNonNull(runtimeApp, "runtimeApp");
        Objects.requireNonNull(dataDir, "dataDir");
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(startTimeout, "startTimeout");
        runtimeApp = runtimeApp.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(runtimeApp.resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException("no tenant runtime build at " + runtimeApp
                    + " (quarkus-run.jar missing): build tenant-runtime first");
        }
    }

    /**
     * Options that start a runtime fastest on a small machine: C1 only (a runtime's first
     * seconds are dominated by class loading, not peak code), serial GC, a small heap, and a
     * class-data-sharing archive the first runtime writes on exit and the next ones map.
     */
    public static LocalRuntimeOptions of(Path runtimeApp, Path dataDir) {
        Path archive = dataDir.toAbsolutePath().normalize().resolve("runtime-cds.jsa");
        return new LocalRuntimeOptions(runtimeApp, dataDir, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m", "-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"), Duration.ofSeconds(60));
    }

    Path appDir(String applicationId) {
        return dataDir.resolve("apps").resolve(applicationId);
    }

    Path settingsFile(String applicationId) {
        return appDir(applicationId).resolve("runtime.json");
    }

    /** The app's Cloud Code, which its runtime watches ({@code reparse.cloud.path}); absent until code is uploaded. */
    Path codeDir(String applicationId) {
        return appDir(applicationId).resolve("cloud");
    }
}
