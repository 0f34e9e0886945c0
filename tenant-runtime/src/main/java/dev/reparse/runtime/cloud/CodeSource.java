package dev.reparse.runtime.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Where an app's code is: a {@code main.js} file, or a folder with {@code main.js} (or {@code cloud/main.js})
 * and optionally its {@code package.json} and {@code node_modules}.
 */
final class CodeSource {
    private final Path root;
    private final boolean singleFile;

    private CodeSource(Path root, boolean singleFile) {
        this.root = root;
        this.singleFile = singleFile;
    }

    /**
     * The code at a path: a {@code .js} file, or a folder, which may not exist yet (on the platform, code arrives
     * when it is deployed; until then the app has none, and the folder is watched).
     */
    static CodeSource of(String location) {
        Path path = Path.of(location).toAbsolutePath().normalize();
        return new CodeSource(path, Files.isRegularFile(path) || path.getFileName().toString().endsWith(".js"));
    }

    /** The entry file, relative to the staged folder. */
    String mainName() {
        if (singleFile) {
            return root.getFileName().toString();
        }
        if (Files.isRegularFile(root.resolve("main.js"))) {
            return "main.js";
        }
        if (Files.isRegularFile(root.resolve("cloud/main.js"))) {
            return "cloud/main.js";
        }
        return "main.js";
    }

    /** Whether the entry file exists now (a folder may be empty until code is deployed). */
    boolean present() {
        return singleFile ? Files.isRegularFile(root) : Files.isRegularFile(root.resolve(mainName()));
    }

    void copyTo(Path dir) throws IOException {
        if (singleFile) {
            Files.copy(root, dir.resolve(root.getFileName().toString()));
        } else {
            RunnerLauncher.copyTree(root, dir);
        }
    }

    /**
     * Changes whenever a file of the code changes: names, sizes and modification times, outside node_modules
     * (whose own folder time changes when packages are installed).
     */
    long fingerprint() {
        if (singleFile) {
            return stamp(root);
        }
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> !root.relativize(path).toString().startsWith("node_modules/"))
                    .mapToLong(path -> path.toString().hashCode() * 31L + stamp(path))
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long stamp(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() * 1_000_003L + attributes.size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
