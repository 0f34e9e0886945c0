package dev.reparse.runtime.requestlog;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The app's request log ({@code reparse.request-log.*}): one JSON line per request, in a rotated file. */
@ConfigMapping(prefix = "reparse.request-log")
public interface RequestLogConfig {
    /** Whether requests are logged at all. */
    @WithDefault("true")
    boolean enabled();

    /** The log file; by default {@code requests.log} in {@code reparse.data-dir}. Local provisioning puts it in the app's folder. */
    Optional<String> file();

    /** Past this size the file becomes {@code <file>.1} (replacing the previous one) and a new one starts. */
    @WithDefault("5M")
    MemorySize maxSize();
}
