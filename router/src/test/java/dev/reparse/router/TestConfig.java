package dev.reparse.router;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A router configuration for tests, with the defaults of {@link RouterConfig} but two event loops, on loopback. */
record TestConfig(int port, String host, OptionalInt eventLoops, String mount, Optional<String> controlUrl,
        Optional<String> internalToken, Optional<String> routesFile, Optional<String> domain, Duration pollInterval,
        Duration pollTimeout, int bodyPeekBytes, int upstreamPoolSize, Duration upstreamConnectTimeout) implements RouterConfig {

    static TestConfig withRoutesFile(String path) {
        return new TestConfig(0, "127.0.0.1", OptionalInt.of(2), "/parse", Optional.empty(), Optional.of("secret"),
                Optional.of(path), Optional.of("apps.test"), Duration.ofMillis(100), Duration.ofSeconds(5), 65536, 16,
                Duration.ofSeconds(2));
    }

    static TestConfig withControlPlane(String url) {
        return new TestConfig(0, "127.0.0.1", OptionalInt.of(2), "/parse", Optional.of(url), Optional.of("secret"),
                Optional.empty(), Optional.empty(), Duration.ofMillis(100), Duration.ofSeconds(5), 65536, 16,
                Duration.ofSeconds(2));
    }
}
