package dev.reparse.provisioning.local;

import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.cloud.CodeLimits;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.CloudCodeDeployer;
import dev.reparse.provisioning.spi.CloudCodeSource;
import dev.reparse.provisioning.spi.CodeDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Local mode's Cloud Code: each app's code unpacked into {@code apps/<appId>/cloud}, the folder its runtime watches
 * ({@code reparse.cloud.path}). A new release is unpacked beside it and swapped in by two renames, so the runtime
 * never sees half a release; {@code cloud.release} records which release the folder holds, so an unchanged one is
 * neither fetched nor rewritten, and a {@code .reparse-release} stamp inside the folder tells the runtime which
 * release it loads (its {@code GET /cloud_code/status} reports it, and why a release failed to load).
 *
 * <p>A release with a {@code package.json} and its lock file (at the zip's root, or beside {@code cloud/main.js}) gets
 * its npm dependencies installed once, by {@code npm ci} in a folder of {@code cloud-cache/} named by the release's
 * sha256; the live folder is swapped only after the install succeeded, as hard links to that entry, so deploying a
 * release the cache holds again (a rollback) costs no npm run.
 */
public final class LocalCodeDeployer implements CloudCodeDeployer {
    private static final System.Logger LOG = System.getLogger(LocalCodeDeployer.class.getName());
    private static final String STAGING_PREFIX = ".cloud-";
    /** The release stamp in the code folder, read by the runtime ({@code Release.FILE} there). */
    static final String STAMP = ".reparse-release";
    private final LocalRuntimeOptions options;
    private final CloudCodeSource source;
    private final ReleaseCache cache;

    /** A deployer with npm's {@link NpmOptions#defaults() defaults}. */
    public LocalCodeDeployer(LocalRuntimeOptions options, CloudCodeSource source, CodeLimits limits) {
        this(options, source, limits, NpmOptions.defaults());
    }

    public LocalCodeDeployer(LocalRuntimeOptions options, CloudCodeSource source, CodeLimits limits, NpmOptions npm) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = Objects.requireNonNull(source, "source");
        this.cache = new ReleaseCache(options.dataDir().resolve("cloud-cache"), Objects.requireNonNull(limits, "limits"),
            Objects.requireNonNull(npm, "npm"));
    }

    @Override
    public CodeDeployment deploy(DesiredApp app) {
        String id = app.applicationId();
        Path folder = options.codeDir(id);
        if (app.cloudCode().isEmpty()) {
            remove(id);
            return new CodeDeployment("NoCode", "no Cloud Code uploaded");
        }
        CloudCodeRelease release = app.cloudCode().get();
        CodeDeployment deployed = new CodeDeployment("Deployed", "version " + release.version() + " (sha256 "
            + release.sha256().substring(0, 12) + "…) is in " + folder + "; the runtime loads it without a restart");
        if (Files.isDirectory(folder) && recorded(id).filter(release::equals).isPresent()) {
            if (!Files.isRegularFile(folder.resolve(STAMP), LinkOption.NOFOLLOW_LINKS)) {
                stamp(folder, release); // deployed before stamps existed
            }
            return deployed;
        }
        CodeBundle bundle = source.fetch(id, release);
        String actual = bundle.sha256();
        if (!actual.equals(release.sha256())) {
            throw new IllegalStateException("the stored code of version " + release.version() + " has sha256 " + actual
                + ", not " + release.sha256());
        }
        discardLeftovers(id);
        Path staging = options.appDir(id).resolve(STAGING_PREFIX + "new-" + release.version());
        try {
            cache.prepare(bundle, staging);
            stamp(staging, release);
            swapIn(staging, folder);
        } finally {
            deleteTree(staging);
        }
        LocalFiles.writePrivate(releaseFile(id), release.version() + " " + release.sha256() + "\n");
        LOG.log(System.Logger.Level.INFO, "Cloud Code version {0} of {1} deployed", release.version(), id);
        return deployed;
    }

    @Override
    public void remove(String applicationId) {
        discardLeftovers(applicationId);
        deleteTree(options.codeDir(applicationId));
        try {
            Files.deleteIfExists(releaseFile(applicationId));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + releaseFile(applicationId), e);
        }
    }

    /** Writes the release stamp; a file of that name in the upload is replaced, never written through (a hard link). */
    private static void stamp(Path folder, CloudCodeRelease release) {
        Path file = folder.resolve(STAMP);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not replace " + file, e);
        }
        LocalFiles.writePrivate(file, "version=" + release.version() + "\nsha256=" + release.sha256() + "\n");
    }

    /** The release the folder holds, as the last deploy recorded it. */
    private Optional<CloudCodeRelease> recorded(String applicationId) {
        try {
            String[] parts = Files.readString(releaseFile(applicationId)).trim().split(" ");
            return Optional.of(new CloudCodeRelease(Long.parseLong(parts[0]), parts[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Moves the current folder aside and the new one in (two renames on one file system), then drops the old one. */
    private void swapIn(Path staging, Path folder) {
        Path old = folder.resolveSibling(STAGING_PREFIX + "old-" + System.nanoTime());
        try {
            boolean hadCode = Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
            if (hadCode) {
                move(folder, old);
            }
            try {
                move(staging, folder);
            } catch (IOException e) {
                if (hadCode) {
                    move(old, folder);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not swap in the new code at " + folder, e);
        } finally {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Staging and old folders a crash left behind. */
    private void discardLeftovers(String applicationId) {
        Path dir = options.appDir(applicationId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> leftovers = entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList();
            leftovers.forEach(LocalCodeDeployer::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    /** Deletes a folder and everything in it, never following links out of it. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private Path releaseFile(String applicationId) {
        return options.appDir(applicationId).resolve("cloud.release");
    }
}
