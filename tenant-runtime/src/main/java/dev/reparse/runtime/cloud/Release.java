package dev.reparse.runtime.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which release of the app's code a folder holds, as the platform's deployer stamped it: a {@code .reparse-release}
 * file at the folder's root ({@code version=3} and {@code sha256=<64 hex digits>} lines). Code without the file (a
 * standalone runtime's {@code --cloud main.js}) has no release identity.
 */
record Release(long version, String sha256) {
    /** The stamp's file name, at the root of the code folder. */
    static final String FILE = ".reparse-release";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The stamp of a code folder; empty when there is none or it does not parse. */
    static Optional<Release> in(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var reader = Files.newBufferedReader(file)) {
            Properties stamp = new Properties();
            stamp.load(reader);
            long version = Long.parseLong(stamp.getProperty("version", "").strip());
            String sha256 = stamp.getProperty("sha256", "").strip();
            return version > 0 && SHA256.matcher(sha256).matches() ? Optional.of(new Release(version, sha256))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", version);
        map.put("sha256", sha256);
        return map;
    }
}
