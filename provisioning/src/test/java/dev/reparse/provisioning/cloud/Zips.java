package dev.reparse.provisioning.cloud;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zips for tests, including the malformed and hostile ones a careful zip tool would refuse to write. */
public final class Zips {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

    /** A zip of these text files, in this order. */
    public static byte[] of(Map<String, String> files) {
        Zips zips = new Zips();
        files.forEach(zips::file);
        return zips.bytes();
    }

    public Zips file(String name, String content) {
        return entry(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
    }

    public Zips file(String name, byte[] content) {
        return entry(name, content, 0100644);
    }

    public Zips directory(String name) {
        return entry(name.endsWith("/") ? name : name + "/", new byte[0], 040755);
    }

    public Zips symlink(String name, String target) {
        return entry(name, target.getBytes(StandardCharsets.UTF_8), 0120777);
    }

    private Zips entry(String name, byte[] content, int mode) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(mode);
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        try {
            zip.finish();
            zip.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
