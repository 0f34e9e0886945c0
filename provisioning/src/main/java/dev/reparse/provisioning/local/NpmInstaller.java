package dev.reparse.provisioning.local;

import dev.reparse.provisioning.spi.CodeDeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code npm ci} for one release: exactly what its lock file says, without install scripts unless the operator
 * allows them, and without dev dependencies. npm's own cache sits in the release cache's folder, so packages several
 * releases share are downloaded once.
 */
final class NpmInstaller {
    static final String REASON = "DependenciesFailed";
    private static final System.Logger LOG = System.getLogger(NpmInstaller.class.getName());
    private static final int TAIL_LINES = 12;
    private final NpmOptions options;
    private final Path npmCache;

    NpmInstaller(NpmOptions options, Path npmCache) {
        this.options = Objects.requireNonNull(options, "options");
        this.npmCache = Objects.requireNonNull(npmCache, "npmCache");
    }

    /** Installs the dependencies of the project in {@code dir}; a failure carries the end of npm's output. */
    void install(Path dir) {
        Path log = dir.resolveSibling(dir.getFileName() + ".npm.log");
        try {
            Process npm = new ProcessBuilder(command()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
            npm.getOutputStream().close();
            if (!npm.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly().waitFor();
                throw new CodeDeploymentException(REASON, "npm ci did not finish within " + options.timeout()
                    + "; the previous release keeps serving");
            }
            if (npm.exitValue() != 0) {
                throw new CodeDeploymentException(REASON, "npm ci failed (exit " + npm.exitValue()
                    + "); the previous release keeps serving. npm said:\n" + tail(log, dir));
            }
        } catch (IOException e) {
            // the reason names the platform's paths: the operator's log gets it, the app's owner a hint
            LOG.log(System.Logger.Level.ERROR, "could not run npm (" + options.command() + ")", e);
            throw new CodeDeploymentException(REASON, "could not run npm on the platform to install the dependencies "
                + "(is npm installed, or reparse.cloud-code.npm.command set?); the previous release keeps serving");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeDeploymentException(REASON, "interrupted while npm ci ran");
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + log, e);
            }
        }
    }

    List<String> command() {
        List<String> command = new ArrayList<>(List.of(options.command(), "ci", "--omit=dev", "--no-audit",
            "--no-fund", "--no-update-notifier", "--cache=" + npmCache));
        if (!options.allowScripts()) {
            command.add("--ignore-scripts");
        }
        options.registry().ifPresent(registry -> command.add("--registry=" + registry));
        return command;
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    /** The last lines of npm's output, with the platform's paths taken out: the app's owner reads them. */
    private String tail(Path log, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.contains("A complete log of this run") || line.contains("_logs/")) {
                continue;
            }
            lines.add(line.replace(dir.toString(), ".").replace(npmCache.toString(), "<npm cache>"));
        }
        String text = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        return text.isEmpty() ? "(nothing)" : text;
    }
}
