package dev.reparse.runtime.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The options a standalone runtime takes on its command line ({@code reparse.files.*}, {@code reparse.accounts.*},
 * {@code reparse.email.*}, {@code reparse.graphql.*}), read from the {@code files}, {@code accounts}, {@code email} and
 * {@code graphql} sections of the settings
 * file, so a hosted app gets them from the control plane (the SMTP password too, never on a command line). Read once
 * at start: the platform restarts the runtime when they change. Above application.properties, below system
 * properties and the environment.
 */
public final class SettingsFileOptions implements ConfigSourceFactory {
    static final int ORDINAL = 275;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** File section field → option, for the {@code files} section. */
    private static final Map<String, String> FILES = Map.of(
            "enableForPublic", "reparse.files.enable-for-public",
            "enableForAnonymousUser", "reparse.files.enable-for-anonymous-user",
            "enableForAuthenticatedUser", "reparse.files.enable-for-authenticated-user",
            "maxUploadSize", "reparse.files.max-upload-size",
            "deniedExtensions", "reparse.files.denied-extensions");

    private static final Map<String, String> ACCOUNTS = Map.of(
            "lockoutThreshold", "reparse.accounts.lockout-threshold",
            "lockoutDurationSeconds", "reparse.accounts.lockout-duration",
            "unlockOnPasswordReset", "reparse.accounts.unlock-on-password-reset",
            "passwordPattern", "reparse.accounts.password-pattern",
            "passwordPatternError", "reparse.accounts.password-pattern-error",
            "passwordNotContainingUsername", "reparse.accounts.password-not-containing-username",
            "maxPasswordAgeSeconds", "reparse.accounts.max-password-age",
            "maxPasswordHistory", "reparse.accounts.max-password-history",
            "resetTokenValiditySeconds", "reparse.accounts.reset-token-validity");

    private static final Map<String, String> EMAIL = Map.ofEntries(
            Map.entry("verifyUserEmails", "reparse.email.verify-user-emails"),
            Map.entry("preventLoginWithUnverifiedEmail", "reparse.email.prevent-login-with-unverified-email"),
            Map.entry("verifyTokenValiditySeconds", "reparse.email.verify-token-validity"),
            Map.entry("publicServerURL", "reparse.email.public-server-url"),
            Map.entry("appName", "reparse.email.app-name"),
            Map.entry("fromAddress", "reparse.email.from-address"),
            Map.entry("fromName", "reparse.email.from-name"),
            Map.entry("verificationSubject", "reparse.email.templates.verification-subject"),
            Map.entry("verificationBody", "reparse.email.templates.verification-body"),
            Map.entry("passwordResetSubject", "reparse.email.templates.password-reset-subject"),
            Map.entry("passwordResetBody", "reparse.email.templates.password-reset-body"));

    private static final Map<String, String> SMTP = Map.of(
            "host", "reparse.email.smtp.host",
            "port", "reparse.email.smtp.port",
            "tls", "reparse.email.smtp.tls",
            "username", "reparse.email.smtp.username",
            "password", "reparse.email.smtp.password");

    /** The {@code graphql} section: Parse Server's {@code graphQLPublicIntrospection} and the request limits. */
    private static final Map<String, String> GRAPHQL = Map.of(
            "publicIntrospection", "reparse.graphql.public-introspection",
            "maxDepth", "reparse.graphql.max-depth",
            "maxFields", "reparse.graphql.max-fields");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue file = context.getValue("reparse.config-file");
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return List.of();
        }
        Path path = Path.of(file.getValue());
        if (!Files.isRegularFile(path)) {
            // the runtime's own reader reports the missing file; no options to add here
            return List.of();
        }
        return List.of(new MapBackedConfigSource("reparse settings file " + path, options(path), ORDINAL) {
        });
    }

    /** The options the file's sections set; fields the file leaves out keep the runtime's defaults. */
    static Map<String, String> options(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings file " + file, e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (root == null || !root.isObject()) {
            return options;
        }
        copy(root.path("files"), FILES, options);
        copy(root.path("accounts"), ACCOUNTS, options);
        copy(root.path("email"), EMAIL, options);
        copy(root.path("email").path("smtp"), SMTP, options);
        copy(root.path("graphql"), GRAPHQL, options);
        return options;
    }

    private static void copy(JsonNode section, Map<String, String> names, Map<String, String> options) {
        if (!section.isObject()) {
            return;
        }
        names.forEach((field, option) -> {
            JsonNode value = section.get(field);
            if (value == null || value.isNull()) {
                return;
            }
            String text = text(field, value);
            if (!text.isEmpty()) {
                options.put(option, literal(text));
            }
        });
    }

    /** Keeps a value as written: the config system would expand a template's or password's {@code ${...}}. */
    private static String literal(String value) {
        return value.replace("${", "$${");
    }

    private static String text(String field, JsonNode value) {
        if (value.isArray()) {
            String joined = StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText)
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
            // an empty denylist is the option's "none", not "unset" (which would be the default list)
            return joined.isEmpty() ? "none" : joined;
        }
        if (field.endsWith("Seconds")) {
            return value.asLong() + "s";
        }
        return value.asText();
    }
}
