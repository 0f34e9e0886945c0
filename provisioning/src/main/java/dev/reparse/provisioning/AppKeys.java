package dev.reparse.provisioning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An app's keys as parse.com issued them; the master keys never leave the server side.
 *
 * @param previousMasterKey a master key just replaced by rotation: runtimes keep accepting it until its
 *     {@code validUntil}, so clients switch to the new one without downtime
 */
public record AppKeys(String masterKey, String readOnlyMasterKey, String clientKey, String javascriptKey,
        String restKey, String dotnetKey, String webhookKey, String fileKey, Optional<RetiredKey> previousMasterKey) {
    public AppKeys {
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(readOnlyMasterKey, "readOnlyMasterKey");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(javascriptKey, "javascriptKey");
        Objects.requireNonNull(restKey, "restKey");
        Objects.requireNonNull(dotnetKey, "dotnetKey");
        Objects.requireNonNull(webhookKey, "webhookKey");
        Objects.requireNonNull(fileKey, "fileKey");
        previousMasterKey = previousMasterKey == null ? Optional.empty() : previousMasterKey;
    }

    /** Keys without a master key in its grace period. */
    public AppKeys(String masterKey, String readOnlyMasterKey, String clientKey, String javascriptKey,
            String restKey, String dotnetKey, String webhookKey, String fileKey) {
        this(masterKey, readOnlyMasterKey, clientKey, javascriptKey, restKey, dotnetKey, webhookKey, fileKey,
            Optional.empty());
    }

    /** Whether a replaced master key still opens the app at that instant. */
    public boolean acceptsPreviousMasterKey(String key, Instant now) {
        return previousMasterKey.filter(k -> k.key().equals(key) && now.isBefore(k.validUntil())).isPresent();
    }

    /** A replaced key and the end of its grace period. */
    public record RetiredKey(String key, Instant validUntil) {
        public RetiredKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(validUntil, "validUntil");
        }
    }
}
