package dev.reparse.runtime.control;

import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.SettingsSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The app's settings as its settings file says now: a poller checks the file's identity and
 * modification time every interval and, when either moved, reads it and swaps the settings in
 * one step, so a key rotation reaches the running runtime within about a second, without a
 * restart. A file that does not parse leaves the previous settings in force.
 */
public final class LiveSettings implements SettingsSource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveSettings.class);

    private final Path file;
    private final SettingsFile.Defaults defaults;
    private final AtomicReference<AppSettings> current;
    private final Thread poller;
    private volatile Object seen;
    private volatile boolean closed;

    private LiveSettings(Path file, SettingsFile.Defaults defaults, Duration interval) {
        this.file = file;
        this.defaults = defaults;
        this.seen = stamp();
        this.current = new AtomicReference<>(SettingsFile.read(file, defaults));
        this.poller = Thread.ofPlatform().daemon().name("settings-file-watch").unstarted(() -> poll(interval));
    }

    /** Reads the file (failing when it is missing or invalid: the runtime cannot start without keys) and starts watching it. */
    public static LiveSettings watch(Path file, SettingsFile.Defaults defaults, Duration interval) {
        Objects.requireNonNull(file, "file");
        LiveSettings settings = new LiveSettings(file, defaults, interval);
        settings.poller.start();
        return settings;
    }

    @Override
    public AppSettings get() {
        return current.get();
    }

    @Override
    public AppSettings fresh() {
        reloadIfChanged();
        return current.get();
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    private void poll(Duration interval) {
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            reloadIfChanged();
        }
    }

    /** Re-reads the file when its identity (an atomic replace gives a new inode) or mtime changed. */
    synchronized void reloadIfChanged() {
        Object stamp = stamp();
        if (stamp == null || stamp.equals(seen)) {
            return;
        }
        try {
            current.set(SettingsFile.read(file, defaults));
            seen = stamp;
            LOG.infof("settings of app %s reloaded from %s", defaults.appId(), file);
        } catch (RuntimeException e) {
            seen = stamp;
            LOG.errorf("the settings file %s is invalid, the previous settings stay in force: %s", file, e.getMessage());
        }
    }

    private Object stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(),
                    attributes.size());
        } catch (IOException e) {
            return null;
        }
    }
}
