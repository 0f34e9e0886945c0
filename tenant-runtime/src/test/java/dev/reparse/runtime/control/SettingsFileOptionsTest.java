package dev.reparse.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.runtime.accounts.AccountRules;
import dev.reparse.runtime.accounts.AccountsConfig;
import dev.reparse.runtime.email.EmailConfig;
import dev.reparse.runtime.files.FilesConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file's option sections become the runtime's own options, as the standalone runtime's flags would. */
class SettingsFileOptionsTest {
    @TempDir
    Path dir;

    private SmallRyeConfig config(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("runtime.json"), json);
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withDefaultValue("reparse.config-file", file.toString())
                .withSources(new SettingsFileOptions())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(FilesConfig.class).withMapping(AccountsConfig.class).withMapping(EmailConfig.class)
                .build();
    }

    @Test
    void filePolicyFromTheFileReplacesTheDefaults() throws IOException {
        SmallRyeConfig config = config("""
                {"appId": "app", "masterKey": "m", "files": {"enableForPublic": true, "enableForAnonymousUser": true,
                 "enableForAuthenticatedUser": false, "maxUploadSize": 2048, "deniedExtensions": ["exe", ".PHP"]}}""");
        var policy = dev.reparse.runtime.files.FilesSetupAccess.policy(config.getConfigMapping(FilesConfig.class));
        assertTrue(policy.enableForPublic());
        assertTrue(policy.enableForAnonymousUser());
        assertFalse(policy.enableForAuthenticatedUser());
        assertEquals(2048, policy.maxUploadBytes());
        assertEquals(Set.of("exe", "php"), policy.deniedExtensions());
    }

    @Test
    void anEmptyDenylistTurnsItOffInsteadOfFallingBackToTheDefault() throws IOException {
        SmallRyeConfig config = config("{\"appId\": \"app\", \"masterKey\": \"m\", \"files\": {\"deniedExtensions\": []}}");
        var policy = dev.reparse.runtime.files.FilesSetupAccess.policy(config.getConfigMapping(FilesConfig.class));
        assertEquals(Set.of(), policy.deniedExtensions());
    }

    @Test
    void lockoutAndPasswordPolicyFromTheFile() throws IOException {
        SmallRyeConfig config = config("""
                {"appId": "app", "masterKey": "m", "accounts": {"lockoutThreshold": 3, "lockoutDurationSeconds": 120,
                 "unlockOnPasswordReset": true, "passwordPattern": "^.{8,}$", "passwordPatternError": "8 or more",
                 "passwordNotContainingUsername": true, "maxPasswordHistory": 2, "resetTokenValiditySeconds": 3600}}""");
        AccountRules rules = dev.reparse.runtime.email.EmailSetupAccess.rules(config.getConfigMapping(EmailConfig.class),
                config.getConfigMapping(AccountsConfig.class));
        assertEquals(3, rules.lockout().orElseThrow().threshold());
        assertEquals(Duration.ofMinutes(2), rules.lockout().orElseThrow().duration());
        assertTrue(rules.lockout().orElseThrow().unlockOnPasswordReset());
        assertEquals(Optional.of("8 or more"), config.getConfigMapping(AccountsConfig.class).passwordPatternError());
        assertTrue(config.getConfigMapping(AccountsConfig.class).passwordNotContainingUsername());
        assertEquals(Optional.of(Duration.ofHours(1)), config.getConfigMapping(AccountsConfig.class).resetTokenValidity());
        assertEquals(2, config.getConfigMapping(AccountsConfig.class).maxPasswordHistory());
    }

    @Test
    void emailSmtpAndTemplatesFromTheFileKeepDollarSignsAsWritten() throws IOException {
        SmallRyeConfig config = config("""
                {"appId": "app", "masterKey": "m", "email": {"verifyUserEmails": true, "appName": "Game",
                 "fromAddress": "no-reply@example.com", "fromName": "Game Team", "publicServerURL": "http://api/parse",
                 "passwordResetSubject": "Reset for %appname%", "passwordResetBody": "Costs ${price} $5: %link%",
                 "smtp": {"host": "127.0.0.1", "port": 2525, "tls": "none", "username": "u", "password": "p${x}"}}}""");
        EmailConfig email = config.getConfigMapping(EmailConfig.class);
        assertTrue(email.verifyUserEmails());
        assertEquals(Optional.of("Game Team"), email.fromName());
        assertEquals(Optional.of("127.0.0.1"), email.smtp().host());
        assertEquals(2525, email.smtp().port());
        assertEquals(Optional.of("p${x}"), email.smtp().password());
        assertEquals(Optional.of("Costs ${price} $5: %link%"), email.templates().passwordResetBody());
        assertEquals(Optional.of("http://api/parse"), email.publicServerUrl());
    }

    @Test
    void graphQLIntrospectionAndLimitsFromTheFile() throws IOException {
        SmallRyeConfig config = config("""
                {"appId": "app", "masterKey": "m", "graphql": {"publicIntrospection": true, "maxDepth": 8, "maxFields": -1}}""");
        assertTrue(config.getValue("reparse.graphql.public-introspection", Boolean.class));
        assertEquals(8, config.getValue("reparse.graphql.max-depth", Integer.class));
        assertEquals(-1, config.getValue("reparse.graphql.max-fields", Integer.class));
    }

    @Test
    void noFileNoOptions() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new SettingsFileOptions())
                .withConverter(Duration.class, 100, new DurationConverter()).withMapping(EmailConfig.class).build();
        assertEquals(Optional.empty(), config.getConfigMapping(EmailConfig.class).smtp().host());
    }
}
