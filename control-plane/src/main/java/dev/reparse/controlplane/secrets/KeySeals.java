package dev.reparse.controlplane.secrets;

import dev.reparse.controlplane.ControlPlaneConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The platform's {@link KeySeal}, from {@code reparse.platform-key}. */
final class KeySeals {
    @Produces
    @Singleton
    KeySeal keySeal(ControlPlaneConfig config) {
        return KeySeal.of(config.platformKey().orElseThrow(() -> new IllegalStateException(
            "reparse.platform-key is not set: app keys are stored sealed with it. Give 32 random bytes as 64 hex digits "
                + "(REPARSE_PLATFORM_KEY, e.g. from a Kubernetes Secret; `openssl rand -hex 32`); ./reparse up keeps "
                + "one in <data dir>/platform-key")));
    }
}
