package dev.reparse.provisioning.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM this control plane started, or one an earlier control plane started and this one
 * adopted (then only its {@link ProcessHandle} is known: its output already goes to its log file).
 */
final class ChildProcess {
    private final ProcessHandle handle;

    private ChildProcess(ProcessHandle handle) {
        this.handle = handle;
    }

    /** Starts the command with that environment (the parent's, minus {@code removeEnv}), output appended to the log. */
    static ChildProcess start(List<String> command, Map<String, String> env, List<String> removeEnvPrefixes, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> removeEnvPrefixes.stream().anyMatch(name::startsWith));
        builder.environment().putAll(env);
        try {
            return new ChildProcess(builder.start().toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
    }

    /**
     * The live process with that pid when its command line carries {@code marker}: a pid reused by
     * some other program after a reboot or a crash is not ours and is left alone.
     */
    static Optional<ChildProcess> adopt(long pid, String marker) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .map(ChildProcess::new);
    }

    long pid() {
        return handle.pid();
    }

    boolean alive() {
        return handle.isAlive();
    }

    CompletableFuture<ProcessHandle> onExit() {
        return handle.onExit();
    }

    /** Asks the process to end (SIGTERM: Quarkus shuts down cleanly), then kills it after the grace period. */
    void stop(Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!awaitExit(grace)) {
            handle.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /** Kills at once, for the JVM shutdown hook, which has no time for grace. */
    void kill() {
        handle.destroy();
    }

    /** Waits for the exit until that nano-time deadline, then sends SIGKILL. */
    void killForciblyAfter(long deadlineNanos) {
        if (!awaitExit(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))) {
            handle.destroyForcibly();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
