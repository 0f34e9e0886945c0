package dev.reparse.controlplane.accounts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A console user: owns apps, signs in with email and password, automates with its account key, of which only the
 * SHA-256 is stored (the key itself is shown once, at signup or rotation).
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String email;

    @Column(name = "account_key", nullable = false, unique = true)
    public String accountKeyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The account with that (normalised) email, or null. */
    public static Uni<Account> byEmail(String email) {
        return find("email", email).firstResult();
    }

    /** The account whose key has that SHA-256, or null. */
    public static Uni<Account> byAccountKeyHash(String hash) {
        return find("accountKeyHash", hash).firstResult();
    }
}
