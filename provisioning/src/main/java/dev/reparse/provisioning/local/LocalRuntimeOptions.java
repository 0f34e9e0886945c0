package dev.reparse.provisioning.local;

import dev.reparse.provisioning.PlatformMail;
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
 * @param mail the platform's mail server, which every app's runtime sends through
 */
public record LocalRuntimeOptions(Path runtimeApp, Path dataDir, List<String> jvmOptions, Duration startTimeout,
        PlatformMail mail) {
    public LocalRuntimeOptions {
        Objects.requireNonNull(mail, "mail");
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
        return new LocalRuntimeOptions(runtimeApp, dataDir, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m", "-XX:SharedArchiveFile=" + APP_ARCHIVE, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"), Duration.ofSeconds(60), PlatformMail.none());
    }

    /** These options with that mail server for every app. */
    public LocalRuntimeOptions withMail(PlatformMail platformMail) {
        return new LocalRuntimeOptions(runtimeApp, dataDir, jvmOptions, startTimeout, platformMail);
    }

    /** Stands for the app's own archive file in {@link #jvmOptions()}. */
    static final String APP_ARCHIVE = "{app-archive}";

    /**
     * One app's runtime options: the class-data archive is the app's own. One file for all apps was written by every
     * runtime at once when the platform stopped (they all exit together), and the JVM crashed mapping the result.
     */
    List<String> jvmOptions(String applicationId) {
        String archive = archive(applicationId).toString();
        return jvmOptions.stream().map(option -> option.replace(APP_ARCHIVE, archive)).toList();
    }

    /** The app's class-data archive, written by its runtime on exit and mapped by the next one. */
    Path archive(String applicationId) {
        return appDir(applicationId).resolve("runtime-cds.jsa");
    }

    Path appDir(String applicationId) {
        return dataDir.resolve("apps").resolve(applicationId);
    }

    /** The app's request log, which its runtime writes ({@code reparse.request-log.file}) and rotates to {@code .1}. */
    Path requestLog(String applicationId) {
        return appDir(applicationId).resolve("requests.log");
    }

    Path settingsFile(String applicationId) {
        return appDir(applicationId).resolve("runtime.json");
    }

    /** The app's Cloud Code, which its runtime watches ({@code reparse.cloud.path}); absent until code is uploaded. */
    Path codeDir(String applicationId) {
        return appDir(applicationId).resolve("cloud");
    }
}
