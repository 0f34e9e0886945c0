package dev.reparse.controlplane.apps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The files of a stored release, read from its bytes (a zip was checked on upload, so it is read as it is). */
final class ReleaseEntries {
    private ReleaseEntries() {
    }

    /** Its files with their unpacked sizes, by path; empty when the content is gone. */
    static List<ReleaseView.Entry> of(CloudCodeVersion version, byte[] content) {
        if (content == null) {
            return List.of();
        }
        if (!"zip".equals(version.format)) {
            return List.of(new ReleaseView.Entry(version.main, content.length));
        }
        List<ReleaseView.Entry> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            byte[] buffer = new byte[8192];
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                long size = 0;
                for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                    size += read;
                }
                entries.add(new ReleaseView.Entry(entry.getName(), size));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparing(ReleaseView.Entry::path));
        return entries;
    }

    /** The bytes of one file, when the release holds it (at most {@code maxBytes}; longer ones are cut there). */
    static Optional<byte[]> file(CloudCodeVersion version, byte[] content, String path, int maxBytes) {
        if (content == null) {
            return Optional.empty();
        }
        if (!"zip".equals(version.format)) {
            return path.equals(version.main) ? Optional.of(Arrays.copyOf(content, Math.min(content.length, maxBytes)))
                : Optional.empty();
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory() && entry.getName().equals(path)) {
                    return Optional.of(zip.readNBytes(maxBytes));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
