package dev.reparse.controlplane.apps;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One upload of an app's Cloud Code: its version number, what it holds and who sent it when; the bytes are apart. */
@Entity
@Table(name = "cloud_code_version")
public class CloudCodeVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false)
    public String applicationId;

    @Column(nullable = false)
    public long version;

    /** {@code javascript} or {@code zip}. */
    @Column(nullable = false)
    public String format;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public int files;

    @Column(name = "unpacked_size", nullable = false)
    public long unpackedSize;

    @Column(nullable = false)
    public String main;

    /** The app generation this upload became. */
    @Column(name = "app_generation", nullable = false)
    public long appGeneration;

    @Column(name = "uploaded_by_account")
    public Long uploadedByAccount;

    @Column(name = "uploaded_by_email", nullable = false)
    public String uploadedByEmail;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    /** What the uploader said of it; null when nothing. */
    public String message;
}
