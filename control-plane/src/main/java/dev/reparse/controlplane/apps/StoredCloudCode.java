package dev.reparse.controlplane.apps;

import dev.reparse.controlplane.BackgroundWork;
import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.cloud.CodeBundle;
import dev.reparse.provisioning.spi.CloudCodeSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/** Provisioning's source of uploaded code: the bytes of a version, read from PostgreSQL (blocking its caller). */
@Singleton
public final class StoredCloudCode implements CloudCodeSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final BackgroundWork background;

    StoredCloudCode(BackgroundWork background) {
        this.background = background;
    }

    @Override
    public CodeBundle fetch(String applicationId, CloudCodeRelease release) {
        return background.await(() -> Panache.withSession(() -> CloudCodeVersion.<CloudCodeVersion>find(
                "applicationId = ?1 and version = ?2", applicationId, release.version()).firstResult()
            .flatMap(version -> version == null ? Uni.createFrom().nullItem()
                : CloudCodeContent.<CloudCodeContent>findById(version.id)
                    .map(content -> content == null ? null : new CodeBundle(
                        CodeBundle.Format.valueOf(version.format.toUpperCase(Locale.ROOT)), content.content)))),
            TIMEOUT).orElseThrow(() -> new IllegalStateException("Cloud Code version " + release.version() + " of "
                + applicationId + " is not stored"));
    }
}
