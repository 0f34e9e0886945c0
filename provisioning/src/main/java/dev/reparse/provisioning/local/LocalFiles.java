package dev.reparse.provisioning.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** File and port helpers of local mode: private files written atomically, free loopback ports. */
final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * Writes the file readable by this user only (0600, set before the content goes in) and swaps
     * it in atomically, so a reader never sees half a file. Returns false when the content was already there.
     */
    static boolean writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
                return false;
            }
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** A loopback port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Whether that loopback port can be bound (nobody listens on it). */
    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts connections on that loopback port. */
    static boolean listening(int port) {
        return listening("127.0.0.1", port);
    }

    /** Whether something accepts connections on {@code host:port} (within 200 ms). */
    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
