package dev.reparse.provisioning.local;

import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.ProvisionedResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command and environment of one app's runtime JVM. Nothing secret is on the command line
 * (which {@code ps} shows every user): the keys are in the 0600 settings file, the database and
 * bucket credentials in the environment, which only the owner can read.
 */
record RuntimeLaunch(List<String> command, Map<String, String> env, int port, String fingerprint) {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** Variables a runtime must not inherit from the control plane: they would configure it behind our back. */
    static final List<String> FOREIGN_ENV = List.of("PARSE_SERVER_", "REPARSE_", "QUARKUS_", "JAVA_TOOL_OPTIONS");

    static RuntimeLaunch of(DesiredApp app, ProvisionedResources resources, LocalRuntimeOptions options, int port) {
        String id = app.applicationId();
        List<String> command = new ArrayList<>();
        command.add(LocalFiles.javaBinary());
        command.addAll(options.jvmOptions(id));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dreparse.app-id=" + id);
        command.add("-Dreparse.mount=" + app.mountPath());
        command.add("-Dreparse.config-file=" + options.settingsFile(id));
        command.add("-Dreparse.data-dir=" + options.appDir(id).resolve("data"));
        command.add("-Dreparse.request-log.file=" + options.requestLog(id));
        // Always the same folder, whatever the code's version: new code is picked up by the running runtime, and a
        // code upload leaves the fingerprint (so the process) alone.
        command.add("-Dreparse.cloud.path=" + options.codeDir(id));
        // The last release that loaded, kept by the runtime: restarted while a broken release is in place, it runs that one
        command.add("-Dreparse.cloud.keep-dir=" + options.appDir(id).resolve("cloud-last-good"));
        // The runtime reads these options of its settings file only at start: their digest (no secrets in it) in the
        // command makes the fingerprint move when they change, and so restarts the runtime. Outside reparse.*, which the
        // runtime's configuration validates.
        command.add("-Dreparse-start-options=" + digest(app.runtimeSettings().startOptions(options.mail(), false)));
        command.add("-jar");
        command.add(options.runtimeApp().resolve("quarkus-run.jar").toString());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REPARSE_MONGO_URI", resources.database().connectionUri());
        env.put("REPARSE_FILES_ADAPTER", "s3");
        env.put("REPARSE_FILES_S3_ENDPOINT", resources.bucket().endpoint());
        env.put("REPARSE_FILES_S3_BUCKET", resources.bucket().bucket());
        env.put("REPARSE_FILES_S3_REGION", resources.bucket().region());
        env.put("REPARSE_FILES_S3_ACCESS_KEY", resources.bucket().accessKey());
        env.put("REPARSE_FILES_S3_SECRET_KEY", resources.bucket().secretKey());
        env.put("REPARSE_FILES_S3_PATH_STYLE", Boolean.toString(resources.bucket().pathStyle()));
        return new RuntimeLaunch(List.copyOf(command), Map.copyOf(env), port, fingerprint(command, env));
    }

    /** The marker that tells our runtime for this app apart from any other process. */
    static String marker(LocalRuntimeOptions options, String applicationId) {
        return "-Dreparse.config-file=" + options.settingsFile(applicationId);
    }

    /** A hash of command and environment: a different one means the running runtime is outdated. */
    static String fingerprint(List<String> command, Map<String, String> env) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\u0000", command).getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(env).forEach((k, v) -> digest.update((k + "=" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String digest(Map<String, Object> startOptions) {
        try {
            byte[] json = JSON.writeValueAsBytes(startOptions);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 12);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the start options do not digest", e);
        }
    }

    /** Leaves the environment (credentials) out of logs. */
    @Override
    public String toString() {
        return "RuntimeLaunch[port " + port + ", " + fingerprint + "]";
    }
}
