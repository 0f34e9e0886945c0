package dev.reparse.controlplane.routes;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.errors.ApiException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the {@code X-Reparse-Internal-Token} header of internal calls (router to control plane and back). */
@Singleton
public final class InternalToken {
    /** The header internal callers send. */
    public static final String HEADER = "X-Reparse-Internal-Token";
    private final Optional<byte[]> expected;

    InternalToken(ControlPlaneConfig config) {
        this.expected = config.internalToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Fails with 401 unless the token matches; with no token configured nobody gets in. */
    public void require(String presented) {
        if (presented == null || expected.isEmpty()
            || !MessageDigest.isEqual(expected.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized();
        }
    }
}
