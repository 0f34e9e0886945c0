package dev.reparse.controlplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The console sessions {@code ./reparse login} keeps, one per control-plane URL, in {@code credentials.json} of the
 * user's Reparse folder ({@code REPARSE_CONFIG_DIR}, default {@code ~/.reparse}): readable by its owner only, written
 * whole by a rename, and holding session tokens (which expire and which {@code logout} ends), never a password.
 */
final class StoredLogins {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    StoredLogins(Path folder) {
        this.file = folder.resolve("credentials.json");
    }

    Path file() {
        return file;
    }

    /** One stored login. */
    record Login(String email, String sessionToken, Instant expiresAt) {
        boolean expired(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    Optional<Login> get(String url) {
        ObjectNode all = read();
        if (!all.has(key(url))) {
            return Optional.empty();
        }
        ObjectNode entry = (ObjectNode) all.get(key(url));
        String expires = entry.path("expiresAt").asText("");
        return Optional.of(new Login(entry.path("email").asText(), entry.path("sessionToken").asText(),
            expires.isEmpty() ? null : Instant.parse(expires)));
    }

    void put(String url, Login login) {
        ObjectNode all = read();
        ObjectNode entry = all.putObject(key(url));
        entry.put("email", login.email());
        entry.put("sessionToken", login.sessionToken());
        if (login.expiresAt() != null) {
            entry.put("expiresAt", login.expiresAt().toString());
        }
        write(all);
    }

    /** Forgets the login for {@code url}; whether there was one. */
    boolean remove(String url) {
        ObjectNode all = read();
        if (all.remove(key(url)) == null) {
            return false;
        }
        write(all);
        return true;
    }

    /** URLs compare without a trailing slash. */
    private static String key(String url) {
        return url.replaceAll("/+$", "");
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile()) instanceof ObjectNode node ? node : JSON.createObjectNode();
        } catch (IOException e) {
            throw new PlatformApi.CliException(file + " is not readable as JSON (" + e.getMessage()
                + "); delete it and run ./reparse login again");
        }
    }

    private void write(ObjectNode all) {
        try {
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(folder, ".credentials", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
