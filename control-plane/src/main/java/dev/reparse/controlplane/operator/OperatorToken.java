package dev.reparse.controlplane.operator;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.errors.ApiException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the {@code X-Reparse-Operator-Token} header of operator calls, in constant time. */
@Singleton
final class OperatorToken {
    static final String HEADER = "X-Reparse-Operator-Token";
    private final Optional<byte[]> expected;

    OperatorToken(ControlPlaneConfig config) {
        this.expected = config.operatorToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Fails with 401 unless the token matches; with no token configured nobody gets in. */
    void require(String presented) {
        if (presented == null || expected.isEmpty()
            || !MessageDigest.isEqual(expected.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized();
        }
    }
}
