package dev.reparse.provisioning.cloud;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Checks an app's code bundle and unpacks it into a folder: the only two ways to read one, so what the control plane
 * accepted at upload is exactly what provisioning writes. A zip may hold only regular files and folders with
 * relative paths that stay inside the folder (no {@code ..}, no absolute or drive paths, no symbolic links), within
 * the {@link CodeLimits}, with {@code main.js} or {@code cloud/main.js} at its root. Sizes are counted while
 * reading, never taken from the zip's headers.
 */
public final class CodeArchive {
    static final String MAIN = "main.js";
    static final String CLOUD_MAIN = "cloud/main.js";
    private static final int MAX_PATH = 1024;
    private static final int MAX_SEGMENT = 255;

    private CodeArchive() {
    }

    /** Checks the bundle without writing anything; throws {@link InvalidCodeException} saying what is wrong. */
    public static CodeSummary inspect(CodeBundle bundle, CodeLimits limits) {
        return read(bundle, limits, new Sink() {
            @Override
            public void directory(String path) {
            }

            @Override
            public void file(String path, InputStream content) throws IOException {
                content.transferTo(OutputStream.nullOutputStream());
            }
        });
    }

    /**
     * Checks the bundle and writes its files under {@code target} (an empty or missing folder). On failure the folder
     * may hold part of the files: unpack into a staging folder and discard it then.
     */
    public static CodeSummary unpack(CodeBundle bundle, CodeLimits limits, Path target) {
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + root, e);
        }
        return read(bundle, limits, new Sink() {
            @Override
            public void directory(String path) {
                try {
                    Files.createDirectories(inside(root, path));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not create " + path + " under " + root, e);
                }
            }

            @Override
            public void file(String path, InputStream content) throws IOException {
                Path file = inside(root, path);
                byte[] buffer = new byte[8192];
                try (OutputStream out = create(file)) {
                    for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                        write(out, buffer, n, file);
                    }
                }
            }
        });
    }

    private static OutputStream create(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + file, e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int length, Path file) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static Path inside(Path root, String path) {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw invalid("entry " + path + " would be written outside the code folder");
        }
        return resolved;
    }

    /** Where a checked entry goes; an IOException is the entry's content failing to read, a write fails unchecked. */
    private interface Sink {
        void directory(String path);

        void file(String path, InputStream content) throws IOException;
    }

    private static CodeSummary read(CodeBundle bundle, CodeLimits limits, Sink sink) {
        byte[] content = bundle.content();
        if (content.length > limits.maxUploadBytes()) {
            throw tooLarge("the upload is " + content.length + " bytes; the limit is " + limits.maxUploadBytes()
                + " bytes");
        }
        return switch (bundle.format()) {
            case JAVASCRIPT -> readScript(content, sink);
            case ZIP -> readZip(content, limits, sink);
        };
    }

    private static CodeSummary readScript(byte[] content, Sink sink) {
        if (content.length == 0) {
            throw invalid("main.js is empty");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            throw invalid("main.js is not UTF-8 text");
        }
        try {
            sink.file(MAIN, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CodeSummary(1, content.length, MAIN);
    }

    private static CodeSummary readZip(byte[] content, CodeLimits limits, Sink sink) {
        Tree tree = new Tree();
        long unpacked = 0;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                Optional<String> path = safePath(entry.getName());
                if (entry.isUnixSymlink()) {
                    throw invalid("entry " + entry.getName() + " is a symbolic link; zip the files themselves "
                        + "(zip -r without -y)");
                }
                if (path.isEmpty()) {
                    continue;
                }
                if (entry.isDirectory()) {
                    tree.addDirectory(path.get());
                    sink.directory(path.get());
                    continue;
                }
                tree.addFile(path.get());
                if (tree.files.size() > limits.maxFiles()) {
                    throw tooLarge("the zip holds more than " + limits.maxFiles() + " files");
                }
                if (!zip.canReadEntryData(entry)) {
                    throw invalid("entry " + path.get() + " is encrypted or uses an unsupported compression method");
                }
                try (Bounded in = new Bounded(zip.getInputStream(entry), limits.maxUnpackedBytes() - unpacked,
                        limits.maxUnpackedBytes())) {
                    sink.file(path.get(), in);
                    unpacked += in.count;
                }
            }
        } catch (InvalidCodeException | UncheckedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // what the zip reader throws on a malformed archive, also from inside an entry's data
            throw invalid("the upload is not a readable zip archive (" + e.getMessage() + ")");
        }
        return new CodeSummary(tree.files.size(), unpacked, tree.main());
    }

    /**
     * The entry's path, normalised ({@code ./} and repeated slashes dropped), or empty for the root folder itself;
     * refuses anything that could land outside the code folder or that a file system would read differently.
     */
    static Optional<String> safePath(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw invalid("an entry has an empty or invalid name");
        }
        if (name.indexOf('\\') >= 0) {
            throw invalid("entry " + name + " uses backslashes; paths in the zip must use /");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw invalid("entry " + name + " has an absolute path; paths in the zip must be relative");
        }
        if (name.length() > MAX_PATH) {
            throw invalid("entry " + name.substring(0, 60) + "… has a path longer than " + MAX_PATH + " characters");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw invalid("entry " + name + " points outside the code folder (..)");
            }
            if (segment.length() > MAX_SEGMENT) {
                throw invalid("entry " + name + " has a name longer than " + MAX_SEGMENT + " characters");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }

    /** The paths seen so far: a path is a file or a folder, never both, and files appear once. */
    private static final class Tree {
        final Set<String> files = new HashSet<>();
        final Set<String> directories = new HashSet<>();

        void addDirectory(String path) {
            if (files.contains(path)) {
                throw invalid("entry " + path + " is both a file and a folder");
            }
            addParents(path);
            directories.add(path);
        }

        void addFile(String path) {
            if (directories.contains(path)) {
                throw invalid("entry " + path + " is both a file and a folder");
            }
            if (!files.add(path)) {
                throw invalid("entry " + path + " appears twice in the zip");
            }
            addParents(path);
        }

        private void addParents(String path) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                String parent = path.substring(0, slash);
                if (files.contains(parent)) {
                    throw invalid("entry " + parent + " is both a file and a folder");
                }
                directories.add(parent);
            }
        }

        String main() {
            if (files.contains(MAIN)) {
                return MAIN;
            }
            if (files.contains(CLOUD_MAIN)) {
                return CLOUD_MAIN;
            }
            String hint = files.stream().filter(f -> f.endsWith("/" + MAIN))
                .min(Comparator.comparingInt(String::length))
                .map(f -> " (it has " + f + ": zip the folder's content, not the folder)").orElse("");
            throw invalid("the zip has no main.js or cloud/main.js at its root" + hint);
        }
    }

    /** Counts what is read and stops past the bytes left under the unpacked limit. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private final long allowed;
        private final long limit;
        long count;

        Bounded(InputStream in, long allowed, long limit) {
            this.in = in;
            this.allowed = allowed;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > allowed) {
                throw tooLarge("the zip unpacks to more than " + limit + " bytes");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static InvalidCodeException invalid(String message) {
        return new InvalidCodeException(InvalidCodeException.Reason.INVALID, message);
    }

    private static InvalidCodeException tooLarge(String message) {
        return new InvalidCodeException(InvalidCodeException.Reason.TOO_LARGE, message);
    }
}
