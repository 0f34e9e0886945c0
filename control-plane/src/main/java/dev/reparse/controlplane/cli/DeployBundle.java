package dev.reparse.controlplane.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What {@code ./reparse deploy} uploads: a single {@code .js} file as main.js, a {@code .zip} as it is, or a project
 * folder zipped in the layout the platform takes: {@code cloud/} (with {@code cloud/main.js}), or else a
 * {@code main.js} at its root, plus {@code package.json}, {@code package-lock.json} and {@code public/} when there.
 * Hidden files, {@code node_modules} (the platform installs the dependencies) and symbolic links are left out. The
 * zip is the same bytes for the same files (sorted entries, fixed times), so an unchanged folder has the same sha256.
 *
 * @param contentType what the upload is sent as
 * @param files the paths in the zip, in order (just {@code main.js} for a single file)
 */
record DeployBundle(String contentType, byte[] content, List<String> files) {
    /** 1980-01-01, the earliest time a zip entry holds. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    static DeployBundle of(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                String name = path.getFileName().toString();
                if (name.endsWith(".zip")) {
                    return new DeployBundle("application/zip", Files.readAllBytes(path), List.of());
                }
                if (name.endsWith(".js")) {
                    return new DeployBundle("application/javascript", Files.readAllBytes(path), List.of("main.js"));
                }
                throw new IllegalArgumentException(path + " is not a folder, a .js file or a .zip");
            }
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException(path + " does not exist");
            }
            List<String> files = new ArrayList<>();
            if (Files.isRegularFile(path.resolve("cloud/main.js"))) {
                files.addAll(tree(path, "cloud"));
            } else if (Files.isRegularFile(path.resolve("main.js"))) {
                files.add("main.js");
            } else {
                throw new IllegalArgumentException(path + " has no cloud/main.js or main.js");
            }
            for (String extra : List.of("package.json", "package-lock.json")) {
                if (Files.isRegularFile(path.resolve(extra), LinkOption.NOFOLLOW_LINKS)) {
                    files.add(extra);
                }
            }
            if (Files.isDirectory(path.resolve("public"), LinkOption.NOFOLLOW_LINKS)) {
                files.addAll(tree(path, "public"));
            }
            files.sort(null);
            return new DeployBundle("application/zip", zip(path, files), List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files under {@code root/folder}, as paths with {@code /}, without hidden ones or node_modules. */
    private static List<String> tree(Path root, String folder) throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                .filter(name -> Stream.of(name.split("/")).noneMatch(s -> s.startsWith(".") || s.equals("node_modules")))
                .toList();
        }
    }

    private static byte[] zip(Path root, List<String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : files) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(Files.readAllBytes(root.resolve(name)));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
