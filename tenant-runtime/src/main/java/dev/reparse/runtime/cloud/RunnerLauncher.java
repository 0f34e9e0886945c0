package dev.reparse.runtime.cloud;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a runner process is started: the app's code copied to a folder of its own (so a new release never changes
 * code under a running runner, and the runner's user can read it), an environment built from scratch with the
 * app's ID and URL only, the heap limit, and, when the runtime runs as root, an unprivileged user.
 */
final class RunnerLauncher {
    private final CloudConfig config;
    private final CodeSource code;
    private final Path runnerScript;
    private final String node;
    private final Optional<int[]> runAs;
    private final String appId;
    private final String serverUrl;

    RunnerLauncher(CloudConfig config, CodeSource code, String appId, String serverUrl) {
        this.config = config;
        this.code = code;
        this.appId = appId;
        this.serverUrl = serverUrl;
        Path script = runnerDir(config).resolve("runner.js");
        if (!Files.isRegularFile(script) || !Files.isDirectory(script.getParent().resolve("node_modules/parse"))) {
            throw new IllegalStateException("the Cloud Code runner is not installed in " + script.getParent()
                    + ": run `npm ci` there (./reparse build does)");
        }
        this.node = findExecutable(config.node()).orElseThrow(() -> new IllegalStateException(
                "Cloud Code needs Node.js 20 or newer: `" + config.node() + "` was not found (set reparse.cloud.node)"));
        this.runAs = unprivilegedUser(config.runAs());
        this.runnerScript = runAs.isPresent() ? readableBy(runAs.get(), script) : script;
    }

    /**
     * The runner as the unprivileged user can read it: in place when it can (the usual install), else a copy
     * made once for this runtime (e.g. a checkout under a folder only root may enter).
     */
    private static Path readableBy(int[] ids, Path script) {
        Path dir = script.getParent();
        try {
            Process probe = new ProcessBuilder("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups",
                    "test", "-r", dir.resolve("node_modules/parse/package.json").toString(), "-a", "-r",
                    script.toString()).redirectErrorStream(true).start();
            if (probe.waitFor() == 0) {
                return script;
            }
            Path copy = Files.createTempDirectory("reparse-cloud-runner-");
            for (String part : List.of("runner.js", "package.json", "lib", "node_modules")) {
                Path from = dir.resolve(part);
                if (Files.isDirectory(from)) {
                    copyTree(from, copy.resolve(part));
                } else if (Files.exists(from)) {
                    Files.copy(from, copy.resolve(part));
                }
            }
            chownTree(copy, ids);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> discard(copy)));
            return copy.resolve("runner.js");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the Cloud Code runner readable by its user", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return script;
        }
    }

    /** A folder with this release of the app's code, readable by the runner's user. */
    Path stage() throws IOException {
        Path dir = Files.createTempDirectory("reparse-cloud-" + appId.replaceAll("[^A-Za-z0-9_-]", "_") + "-");
        code.copyTo(dir);
        if (runAs.isPresent()) {
            chownTree(dir, runAs.get());
        }
        return dir;
    }

    /** Where the last release that loaded is kept ({@link CloudConfig#keepDir()}), when the runtime keeps one. */
    Optional<Path> keptDir() {
        return config.keepDir().filter(dir -> !dir.isBlank()).map(Path::of);
    }

    /** Replaces the kept copy with {@code staged} (a release that loaded): copied beside it, then swapped in. */
    synchronized void keep(Path staged) throws IOException {
        Optional<Path> kept = keptDir();
        if (kept.isEmpty()) {
            return;
        }
        Path dir = kept.get().toAbsolutePath();
        Files.createDirectories(dir.getParent());
        Path fresh = dir.resolveSibling(dir.getFileName() + ".new-" + System.nanoTime());
        Path old = dir.resolveSibling(dir.getFileName() + ".old-" + System.nanoTime());
        try {
            copyTree(staged, fresh);
            if (Files.exists(dir)) {
                Files.move(dir, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            discard(fresh);
            discard(old);
        }
    }

    /** A folder with the kept release, as {@link #stage()} makes one from the app's code. */
    Optional<Path> stageKept() throws IOException {
        Optional<Path> kept = keptDir().filter(Files::isDirectory);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("reparse-cloud-" + appId.replaceAll("[^A-Za-z0-9_-]", "_") + "-kept-");
        copyTree(kept.get(), dir);
        if (runAs.isPresent()) {
            chownTree(dir, runAs.get());
        }
        return Optional.of(dir);
    }

    ProcessBuilder command(Path staged) {
        List<String> command = new ArrayList<>();
        runAs.ifPresent(ids -> command.addAll(List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1],
                "--clear-groups", "--no-new-privs")));
        command.addAll(List.of(node, "--max-old-space-size=" + config.memoryMb(), "--unhandled-rejections=warn",
                runnerScript.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(staged.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", staged.toString());
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("NODE_ENV", "production");
        env.put("REPARSE_APP_ID", appId);
        env.put("REPARSE_SERVER_URL", serverUrl);
        env.put("REPARSE_CLOUD_MAIN", staged.resolve(code.mainName()).toString());
        return builder;
    }

    /** Removes a staged folder once its runner has stopped. */
    static void discard(Path staged) {
        if (staged == null || !Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staged)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }

    private static Path runnerDir(CloudConfig config) {
        if (config.runnerDir().isPresent()) {
            return Path.of(config.runnerDir().get()).toAbsolutePath().normalize();
        }
        // quarkus-app/app/tenant-runtime.jar or quarkus-app/quarkus-run.jar -> tenant-runtime/cloud-runner
        try {
            Path here = Path.of(RunnerLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("cloud-runner");
                if (Files.isRegularFile(candidate.resolve("runner.js"))) {
                    return candidate;
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        return Path.of("tenant-runtime", "cloud-runner").toAbsolutePath();
    }

    static Optional<String> findExecutable(String name) {
        if (name.contains(File.separator)) {
            return Files.isExecutable(Path.of(name)) ? Optional.of(name) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** The uid and gid to drop to: only when this process is root and a user is configured. */
    private static Optional<int[]> unprivilegedUser(String user) {
        if (user.equals("none") || !"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        if (findExecutable("setpriv").isEmpty()) {
            throw new IllegalStateException("running Cloud Code as " + user + " needs setpriv (util-linux); "
                    + "set reparse.cloud.run-as=none to run it as root");
        }
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return Optional.of(lines.map(line -> line.split(":"))
                    .filter(fields -> fields.length > 3 && fields[0].equals(user))
                    .map(fields -> new int[] {Integer.parseInt(fields[2]), Integer.parseInt(fields[3])})
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("reparse.cloud.run-as: no user " + user)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chownTree(Path root, int[] ids) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                own(dir, ids);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                own(file, ids);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void own(Path path, int[] ids) throws IOException {
        Files.setAttribute(path, "unix:uid", ids[0], LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", ids[1], LinkOption.NOFOLLOW_LINKS);
    }

    /** Copies a tree (symlinks as links, so node_modules/.bin stay small). */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
