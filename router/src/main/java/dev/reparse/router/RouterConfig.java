package dev.reparse.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Configuration of one router replica: where it listens, where its route table comes from, how it talks to runtimes. */
@ConfigMapping(prefix = "reparse.router")
public interface RouterConfig {
    /** The port the public API listens on. */
    @WithDefault("1337")
    int port();

    /** The address the public API listens on; {@code quarkus.http.host} still works, as when the router ran on it. */
    @WithDefault("${quarkus.http.host:0.0.0.0}")
    String host();

    /**
     * How many event loops serve requests, each with its own HTTP server and upstream connection pool (the
     * {@code upstream-pool-size} is split between them); default: one per available processor.
     */
    OptionalInt eventLoops();

    /** The path the Parse API is served under; requests keep it when they are forwarded to the app's runtime. */
    @WithDefault("/parse")
    String mount();

    /** The control plane's base URL; the route table is polled from {@code <url>/internal/v1/routes}. */
    Optional<String> controlUrl();

    /**
     * The shared secret of the internal API: sent as {@code X-Reparse-Internal-Token} to the control plane, and
     * required on the router's own {@code /internal/v1/usage}, which answers 403 while none is configured.
     */
    Optional<String> internalToken();

    /**
     * A JSON file holding a route table in the control plane's format, read at start and again whenever it changes;
     * lets the router run without a control plane (tests, a fixed set of runtimes).
     */
    Optional<String> routesFile();

    /** The domain whose subdomains name apps ({@code <subdomain>.<domain>}); without one, the host is not looked at. */
    Optional<String> domain();

    /** The pause between two polls of the route table (the control plane may hold a poll open until a change). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long one poll of the control plane may take, long-poll included, before it is abandoned. */
    @WithDefault("30s")
    Duration pollTimeout();

    /** How many bytes of a JSON or text body are read, at most, to find its {@code _ApplicationId}. */
    @WithDefault("65536")
    int bodyPeekBytes();

    /** The most pooled keep-alive connections to one runtime, over all event loops. */
    @WithDefault("64")
    int upstreamPoolSize();

    /** How long connecting to a runtime may take before the request answers 503. */
    @WithDefault("2s")
    Duration upstreamConnectTimeout();
}
