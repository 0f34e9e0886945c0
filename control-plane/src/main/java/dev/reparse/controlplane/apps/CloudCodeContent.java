package dev.reparse.controlplane.apps;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of one {@link CloudCodeVersion}, as uploaded; only provisioning reads them. */
@Entity
@Table(name = "cloud_code_content")
public class CloudCodeContent extends PanacheEntityBase {
    @Id
    @Column(name = "version_id")
    public Long versionId;

    @Column(nullable = false)
    public byte[] content;
}
