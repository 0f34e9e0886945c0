package dev.reparse.controlplane.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The built-in provider's credentials: one bcrypt hash per email. */
@Entity
@Table(name = "builtin_credential")
public class BuiltinCredential extends PanacheEntityBase {
    @Id
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
