package dev.reparse.controlplane.apps;

import dev.reparse.controlplane.secrets.SealedKeyConverter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An app's desired state: name, keys, settings and current Cloud Code release. Every change bumps {@code generation};
 * a deleted app keeps its row (with {@code deleted}) so provisioning can finish tearing it down after a restart.
 */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {
    @Id
    @Column(name = "application_id")
    public String applicationId;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String subdomain;

    @Column(nullable = false)
    public long generation;

    @Column(nullable = false)
    public boolean deleted;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "master_key", nullable = false)
    public String masterKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "read_only_master_key", nullable = false)
    public String readOnlyMasterKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "client_key", nullable = false)
    public String clientKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "javascript_key", nullable = false)
    public String javascriptKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "rest_key", nullable = false)
    public String restKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "windows_key", nullable = false)
    public String windowsKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "webhook_key", nullable = false)
    public String webhookKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "file_key", nullable = false)
    public String fileKey;

    @Convert(converter = SealedKeyConverter.class)
    @Column(name = "previous_master_key")
    public String previousMasterKey;

    @Column(name = "previous_master_key_valid_until")
    public Instant previousMasterKeyValidUntil;

    @Column(name = "client_class_creation_enabled", nullable = false)
    public boolean clientClassCreationEnabled;

    @Column(name = "client_push_enabled", nullable = false)
    public boolean clientPushEnabled;

    @Column(name = "require_revocable_sessions", nullable = false)
    public boolean requireRevocableSessions;

    @Column(name = "revoke_session_on_password_change", nullable = false)
    public boolean revokeSessionOnPasswordChange;

    @Column(name = "client_keys_required", nullable = false)
    public boolean clientKeysRequired;

    @Column(name = "requests_per_second", nullable = false)
    public int requestsPerSecond;

    /** The IANA zone its scheduled jobs' times of day are in; null: UTC. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "retain_data_days", nullable = false)
    public int retainDataDays;

    /** The app's runtime options ({@link dev.reparse.provisioning.AppOptions} as JSON); null: the defaults. */
    @Column(name = "options")
    public String options;

    /** The app's current Cloud Code version ({@link CloudCodeVersion}); null until code is uploaded. */
    @Column(name = "cloud_code_version")
    public Long cloudCodeVersion;

    @Column(name = "cloud_code_sha256")
    public String cloudCodeSha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
