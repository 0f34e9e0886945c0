package dev.reparse.provisioning.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a deleted app leaves under {@code <data-dir>/apps/<appId>} (its runtime's log, its class-data archive): kept for
 * the operator's retention ({@code reparse.provisioning.deleted-app-retention}), then removed. Deleting the app marks
 * the folder ({@code deleted-at}); a sweep at start and then every so often removes the folders whose time is up.
 */
public final class DeletedAppFiles implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeletedAppFiles.class.getName());
    static final String MARKER = "deleted-at";
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofMinutes(10);
    private static final Duration MIN_SWEEP_INTERVAL = Duration.ofSeconds(5);

    private final Path appsDir;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("deleted-app-sweeper").daemon().factory());

    DeletedAppFiles(Path appsDir, Duration retention, Clock clock) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention of deleted apps' files cannot be negative: " + retention);
        }
        this.appsDir = appsDir;
        this.retention = retention;
        this.clock = clock;
    }

    /** Sweeps now and then every tenth of the retention (between 5 s and 10 min) until closed. */
    public static DeletedAppFiles start(Path dataDir, Duration retention, Clock clock) {
        DeletedAppFiles files = new DeletedAppFiles(dataDir.toAbsolutePath().normalize().resolve("apps"), retention, clock);
        Duration every = retention.dividedBy(10);
        every = every.compareTo(MIN_SWEEP_INTERVAL) < 0 ? MIN_SWEEP_INTERVAL
                : every.compareTo(MAX_SWEEP_INTERVAL) > 0 ? MAX_SWEEP_INTERVAL : every;
        files.timer.scheduleWithFixedDelay(files::sweepQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return files;
    }

    /** Marks the app's folder deleted now, unless it already is (teardown runs again after restarts). */
    static void markDeleted(Path appDir, Instant now) {
        Path marker = appDir.resolve(MARKER);
        if (Files.isDirectory(appDir) && !Files.exists(marker)) {
            LocalFiles.writePrivate(marker, now + "\n");
        }
    }

    /** Removes every marked folder whose retention has ended; returns their app IDs. */
    List<String> sweep() {
        if (!Files.isDirectory(appsDir)) {
            return List.of();
        }
        Instant now = clock.instant();
        try (Stream<Path> apps = Files.list(appsDir)) {
            return apps.filter(dir -> deletedAt(dir).map(at -> !now.isBefore(at.plus(retention))).orElse(false))
                    .peek(DeletedAppFiles::deleteTree)
                    .map(dir -> dir.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + appsDir, e);
        }
    }

    private void sweepQuietly() {
        try {
            List<String> removed = sweep();
            if (!removed.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "removed the files of deleted apps {0} (retention {1})", removed,
                        retention);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove deleted apps'' files: {0}", e.getMessage());
        }
    }

    private static Optional<Instant> deletedAt(Path appDir) {
        try {
            return Optional.of(Instant.parse(Files.readString(appDir.resolve(MARKER), StandardCharsets.UTF_8).trim()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
