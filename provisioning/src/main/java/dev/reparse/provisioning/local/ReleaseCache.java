package dev.reparse.provisioning.local;

import dev.reparse.provisioning.cloud.CodeArchive;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.cloud.CodeLimits;
import dev.reparse.provisioning.spi.CodeDeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Releases with their npm dependencies installed, one folder per release sha256 under {@code cloud-cache/}. An
 * entry is written under a temporary name and renamed when complete, so a crash or a concurrent deploy of the same
 * release never leaves half an entry; the least recently deployed entries beyond {@link #KEPT} are dropped.
 */
final class ReleaseCache {
    static final int KEPT = 32;
    private static final String TEMPORARY = ".new-";
    private static final String NPM_CACHE = ".npm";
    private final Path root;
    private final CodeLimits limits;
    private final NpmInstaller npm;

    ReleaseCache(Path root, CodeLimits limits, NpmOptions npm) {
        this.root = root;
        this.limits = limits;
        this.npm = new NpmInstaller(npm, root.resolve(NPM_CACHE));
    }

    /**
     * Fills {@code staging} with the release: unpacked, and with its dependencies installed when it declares some.
     * Fails with reason {@code DependenciesFailed} when they do not install; {@code staging} is then left as it was.
     */
    void prepare(CodeBundle bundle, Path staging) {
        String sha256 = bundle.sha256();
        Path entry = root.resolve(sha256);
        if (Files.isDirectory(entry)) {
            used(entry);
            link(entry, staging);
            return;
        }
        CodeArchive.unpack(bundle, limits, staging);
        Optional<Path> project = project(staging);
        if (project.isEmpty()) {
            return;
        }
        Path building = root.resolve(TEMPORARY + sha256 + "-" + System.nanoTime());
        try {
            Files.createDirectories(root);
            Files.move(staging, building);
            try {
                npm.install(building.resolve(staging.relativize(project.get()).toString()));
                complete(building, entry);
            } finally {
                LocalCodeDeployer.deleteTree(building);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the dependencies in " + building, e);
        }
        used(entry);
        link(entry, staging);
        evict();
    }

    /**
     * The folder of the release's npm project: the code's root or {@code cloud/}, whichever holds {@code package.json};
     * refused without a lock file, since {@code npm ci} installs exactly what the lock says and nothing else.
     */
    static Optional<Path> project(Path code) {
        for (Path dir : List.of(code, code.resolve("cloud"))) {
            if (!Files.isRegularFile(dir.resolve("package.json"))) {
                continue;
            }
            if (!declaresDependencies(dir.resolve("package.json"))) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(dir.resolve("package-lock.json"))
                    && !Files.isRegularFile(dir.resolve("npm-shrinkwrap.json"))) {
                String where = dir.equals(code) ? "" : "cloud/";
                throw new CodeDeploymentException(NpmInstaller.REASON, where + "package.json has no "
                    + where + "package-lock.json beside it: dependencies are installed exactly as the lock file "
                    + "says (npm ci); run npm install and upload the lock file with the code");
            }
            return Optional.of(dir);
        }
        return Optional.empty();
    }

    /**
     * Whether a {@code package.json} names any dependency to install; one that only describes the project (as Parse
     * Server apps' often do) needs no npm run and no lock file. One that does not parse is refused with the reason.
     */
    static boolean declaresDependencies(Path packageJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode dependencies = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(packageJson.toFile()).path("dependencies");
            return dependencies.isObject() && !dependencies.isEmpty();
        } catch (IOException e) {
            throw new CodeDeploymentException(NpmInstaller.REASON, "package.json is not valid JSON: "
                + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Renames a finished install to its entry; a concurrent deploy of the same release may have done it first. */
    private static void complete(Path building, Path entry) throws IOException {
        try {
            Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // the same content, installed by another app's deploy
        } catch (FileSystemException e) {
            if (!Files.isDirectory(entry)) {
                throw e;
            }
        }
    }

    private static void used(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only the eviction order suffers
        }
    }

    private void evict() {
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> byUse = entries.filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted(Comparator.comparing(ReleaseCache::modified).reversed()).toList();
            byUse.stream().skip(KEPT).forEach(LocalCodeDeployer::deleteTree);
        } catch (IOException | UncheckedIOException e) {
            // a full cache costs disk, not correctness; the next deploy tries again
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Recreates {@code from} at {@code to} as hard links (copies across file systems); symlinks stay links. Nothing
     * writes to a deployed folder (the runtime runs a copy of it), so sharing the files with the cache is safe.
     */
    static void link(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                        Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                        return FileVisitResult.CONTINUE;
                    }
                    try {
                        Files.createLink(target, file);
                    } catch (UnsupportedOperationException | FileSystemException e) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not put the cached release " + from.getFileName() + " at " + to, e);
        }
    }
}
