package dev.reparse.provisioning;

import java.util.Objects;

/** An app's keys as parse.com issued them; the master keys never leave the server side. */
public record AppKeys(String masterKey, String readOnlyMasterKey, String clientKey, String javascriptKey,
        String restKey, String dotnetKey, String webhookKey, String fileKey) {
    public AppKeys {
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(readOnlyMasterKey, "readOnlyMasterKey");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(javascriptKey, "javascriptKey");
        Objects.requireNonNull(restKey, "restKey");
        Objects.requireNonNull(dotnetKey, "dotnetKey");
        Objects.requireNonNull(webhookKey, "webhookKey");
        Objects.requireNonNull(fileKey, "fileKey");
    }
}
