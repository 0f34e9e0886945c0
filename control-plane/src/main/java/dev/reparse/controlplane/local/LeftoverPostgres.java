package dev.reparse.controlplane.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL a killed control plane left running on its cluster: found by the cluster's {@code postmaster.pid},
 * recognised by its command line ({@code postgres -D <cluster>}), and stopped with a fast shutdown (SIGINT: open
 * sessions are rolled back, everything committed is on disk) so a new one can start on the same cluster.
 */
final class LeftoverPostgres {
    private static final Logger LOG = Logger.getLogger(LeftoverPostgres.class);
    private static final long STOP_SECONDS = 30;

    private LeftoverPostgres() {
    }

    /** Stops the cluster's leftover postmaster, if one runs; removes a lock file whose pid now belongs to another program. */
    static void stop(Path cluster) {
        Path lockFile = cluster.resolve("postmaster.pid");
        Optional<Long> pid = recordedPid(lockFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // a stale lock file: PostgreSQL sees the pid is gone and starts anyway
        }
        if (!isPostmasterOf(process.get(), cluster)) {
            LOG.infof("%s names pid %d, which is no PostgreSQL of this cluster now; removing the stale lock file",
                lockFile, pid.get());
            delete(lockFile);
            return;
        }
        LOG.infof("stopping the PostgreSQL (pid %d) an earlier run left on %s", pid.get(), cluster);
        signal(pid.get(), "INT");
        if (!awaitExit(process.get(), STOP_SECONDS)) {
            LOG.warnf("PostgreSQL (pid %d) did not stop within %d s; killing it", pid.get(), STOP_SECONDS);
            process.get().destroyForcibly();
            awaitExit(process.get(), 10);
        }
    }

    /** The pid on the first line of {@code postmaster.pid}, when the file is there and readable. */
    static Optional<Long> recordedPid(Path lockFile) {
        try {
            List<String> lines = Files.readAllLines(lockFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process runs {@code postgres -D <cluster>}: a pid reused by another program is left alone. */
    static boolean isPostmasterOf(ProcessHandle process, Path cluster) {
        Optional<String> line = commandLine(process.pid()).or(() -> process.info().commandLine());
        return line.map(l -> l.contains("postgres") && l.contains("-D " + cluster)).orElse(false);
    }

    private static Optional<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            byte[] raw = Files.readAllBytes(proc);
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void signal(long pid, String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not signal PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the stale " + file, e);
        }
    }
}
