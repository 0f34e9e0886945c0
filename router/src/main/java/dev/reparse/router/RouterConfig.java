package dev.reparse.router;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * How many bytes of a JSON or text body are held in memory while its {@code _ApplicationId} is looked for; past
     * them the body read so far spills to a temporary file, so a body of any size is looked into in flat memory.
     */
    @WithDefault("65536")
    int bodyMemoryBytes();

    /**
     * The most bytes of a body read to find its {@code _ApplicationId} (the JS SDK sends it last, after a file's base64
     * data); a body that names no app within them is routed by its path or host, else refused.
     */
    @WithDefault("2G")
    MemorySize bodyScanLimit();

    /** Where bodies being looked into spill; by default the JVM's temporary directory. */
    Optional<String> spillDir();

    /** The most bytes all spilled bodies may take on disk at once; past it, a body that needs more answers 503. */
    @WithDefault("4G")
    MemorySize spillBudget();

    /** The most pooled keep-alive connections to one runtime, over all event loops. */
    @WithDefault("64")
    int upstreamPoolSize();

    /** How long connecting to a runtime may take before the request answers 503. */
    @WithDefault("2s")
    Duration upstreamConnectTimeout();

    /** How long a new connection may take to send its first request head; then it is closed. */
    @WithDefault("10s")
    Duration headerTimeout();

    /**
     * How long a connection may stay idle between two exchanges (the next request head included); then it is closed.
     */
    @WithDefault("30s")
    Duration keepAliveTimeout();

    /** The longest pause allowed in a request body the router is reading; a client stalled longer is cut off. */
    @WithDefault("30s")
    Duration bodyTimeout();

    /**
     * How long a runtime may take to start its answer once it has the whole request, and the longest pause in its
     * answer or in taking the body; then the request answers 504 with Parse error 124 (or is cut off mid-answer).
     */
    @WithDefault("60s")
    Duration upstreamTimeout();
}
