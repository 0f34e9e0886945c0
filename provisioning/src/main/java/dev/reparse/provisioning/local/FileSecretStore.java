package dev.reparse.provisioning.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.ProvisionedResources;
import dev.reparse.provisioning.spi.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Local mode's secrets: {@code <data-dir>/apps/<appId>/runtime.json}, mode 0600, which the app's
 * runtime reads at start ({@code reparse.config-file}) and re-reads when it changes.
 */
public final class FileSecretStore implements SecretStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final LocalRuntimeOptions options;

    public FileSecretStore(LocalRuntimeOptions options) {
        this.options = options;
    }

    @Override
    public void write(DesiredApp app, ProvisionedResources resources) {
        try {
            String content = JSON.writeValueAsString(app.runtimeSettings().toFileContent(options.mail()));
            LocalFiles.writePrivate(options.settingsFile(app.applicationId()), content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the settings do not serialize", e);
        }
    }

    @Override
    public void delete(String applicationId) {
        try {
            Files.deleteIfExists(options.settingsFile(applicationId));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the settings of " + applicationId, e);
        }
    }
}
