package dev.reparse.router;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A router configuration for tests: the defaults of {@link RouterConfig}, but two event loops on loopback and a short
 * poll interval; a test changes what it needs with the fluent setters.
 */
final class TestConfig implements RouterConfig {
    private Optional<String> controlUrl = Optional.empty();
    private Optional<String> routesFile = Optional.empty();
    private Optional<String> domain = Optional.empty();
    private int bodyMemoryBytes = 65536;
    private long bodyScanLimit = 2L << 30;
    private long spillBudget = 4L << 30;
    private Optional<String> spillDir = Optional.empty();
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration keepAliveTimeout = Duration.ofSeconds(30);
    private Duration bodyTimeout = Duration.ofSeconds(30);
    private Duration upstreamTimeout = Duration.ofSeconds(60);

    static TestConfig withRoutesFile(String path) {
        TestConfig config = new TestConfig();
        config.routesFile = Optional.of(path);
        config.domain = Optional.of("apps.test");
        return config;
    }

    static TestConfig withControlPlane(String url) {
        TestConfig config = new TestConfig();
        config.controlUrl = Optional.of(url);
        return config;
    }

    TestConfig bodyMemoryBytes(int bytes) {
        this.bodyMemoryBytes = bytes;
        return this;
    }

    TestConfig bodyScanLimit(long bytes) {
        this.bodyScanLimit = bytes;
        return this;
    }

    TestConfig spillBudget(long bytes) {
        this.spillBudget = bytes;
        return this;
    }

    TestConfig spillDir(String dir) {
        this.spillDir = Optional.of(dir);
        return this;
    }

    TestConfig headerTimeout(Duration timeout) {
        this.headerTimeout = timeout;
        return this;
    }

    TestConfig keepAliveTimeout(Duration timeout) {
        this.keepAliveTimeout = timeout;
        return this;
    }

    TestConfig bodyTimeout(Duration timeout) {
        this.bodyTimeout = timeout;
        return this;
    }

    TestConfig upstreamTimeout(Duration timeout) {
        this.upstreamTimeout = timeout;
        return this;
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public OptionalInt eventLoops() {
        return OptionalInt.of(2);
    }

    @Override
    public String mount() {
        return "/parse";
    }

    @Override
    public Optional<String> controlUrl() {
        return controlUrl;
    }

    @Override
    public Optional<String> internalToken() {
        return Optional.of("secret");
    }

    @Override
    public Optional<String> routesFile() {
        return routesFile;
    }

    @Override
    public Optional<String> domain() {
        return domain;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(100);
    }

    @Override
    public Duration pollTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public int bodyMemoryBytes() {
        return bodyMemoryBytes;
    }

    @Override
    public MemorySize bodyScanLimit() {
        return new MemorySize(BigInteger.valueOf(bodyScanLimit));
    }

    @Override
    public Optional<String> spillDir() {
        return spillDir;
    }

    @Override
    public MemorySize spillBudget() {
        return new MemorySize(BigInteger.valueOf(spillBudget));
    }

    @Override
    public int upstreamPoolSize() {
        return 16;
    }

    @Override
    public Duration upstreamConnectTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration headerTimeout() {
        return headerTimeout;
    }

    @Override
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    @Override
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    @Override
    public Duration upstreamTimeout() {
        return upstreamTimeout;
    }
}
