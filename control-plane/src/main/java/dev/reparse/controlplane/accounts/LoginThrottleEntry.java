package dev.reparse.controlplane.accounts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One throttled subject's failed logins ({@link LoginThrottle}); written by native upserts, read as an entity. */
@Entity
@Table(name = "login_throttle")
public class LoginThrottleEntry extends PanacheEntityBase {
    @Id
    @Column(name = "key_hash")
    public String keyHash;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public int failures;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
