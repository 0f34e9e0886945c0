package dev.reparse.controlplane.apps;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last status provisioning reported for an app: conditions as JSON, the generation they reflect, the upstream. */
@Entity
@Table(name = "app_status")
public class StoredAppStatus extends PanacheEntityBase {
    @Id
    @Column(name = "application_id")
    public String applicationId;

    @Column(name = "observed_generation", nullable = false)
    public long observedGeneration;

    @Column(nullable = false)
    public String conditions;

    @Column
    public String upstream;

    @Column(nullable = false)
    public boolean ready;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
