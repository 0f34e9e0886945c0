package dev.reparse.runtime.cloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Cloud Code of the app: where its code is, how its runner is started, and the limits of each call. */
@ConfigMapping(prefix = "reparse.cloud")
public interface CloudConfig {
    /**
     * The app's code: a {@code main.js} file, or a folder holding {@code main.js} (and optionally {@code
     * package.json} with its {@code node_modules}); parse-server's {@code PARSE_SERVER_CLOUD}. Without it the app
     * has no Cloud Code (webhooks still work).
     */
    Optional<String> path();

    /**
     * Where the runtime keeps a copy of the last release that loaded, so that after a restart of the runtime while a
     * release that does not load is in place, the app still runs the one before it (the platform sets it per app);
     * unset: nothing is kept, and such a restart leaves the app without Cloud Code until a release loads.
     */
    Optional<String> keepDir();

    /** The Node.js executable (20 or newer). */
    @WithDefault("node")
    String node();

    /** The runner's folder ({@code tenant-runtime/cloud-runner}); found beside the runtime's jar when unset. */
    Optional<String> runnerDir();

    /** How long a function may run (parse.com: 15 s). */
    @WithDefault("15s")
    Duration functionTimeout();

    /** How long a trigger may run (parse.com: 3 s). */
    @WithDefault("3s")
    Duration triggerTimeout();

    /** How long a job may run (parse.com: 15 min). */
    @WithDefault("15m")
    Duration jobTimeout();

    /** The runner's JavaScript heap, in MB. */
    @WithDefault("256")
    int memoryMb();

    /**
     * The OS user the runner runs as when the runtime runs as root, so that the app's code cannot read the
     * runtime's files or process environment; {@code none} keeps the runtime's user.
     */
    @WithDefault("nobody")
    String runAs();

    /** How many script log lines are kept (the oldest go first). */
    @WithDefault("1000")
    int logLines();

    /** How often the code is checked for changes; a change starts a new runner, in-flight calls finish on the old one. */
    @WithDefault("2s")
    Duration reloadInterval();
}
