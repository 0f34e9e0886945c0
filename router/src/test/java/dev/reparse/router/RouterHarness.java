package dev.reparse.router;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The router's real parts on their own Vert.x instance and a random port, as the Quarkus app wires them. */
final class RouterHarness implements AutoCloseable {
    private final Vertx vertx;
    private final RouterServer server;
    private final int port;

    private RouterHarness(Vertx vertx, RouterServer server, int port) {
        this.vertx = vertx;
        this.server = server;
        this.port = port;
    }

    static RouterHarness start(RouterConfig config, LongSupplier nanoTime) throws Exception {
        Vertx vertx = Vertx.vertx();
        RouterServer server = new RouterServer(vertx, config, nanoTime);
        server.start();
        int port = server.listen(config.host(), config.port()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new RouterHarness(vertx, server, port);
    }

    /** Writes a routes file in the control plane's format. */
    static void writeRoutes(Path file, long version, String routesJson) throws Exception {
        Path temp = Files.createTempFile(file.getParent(), "routes", ".tmp");
        Files.writeString(temp, "{\"version\": " + version + ", \"routes\": [" + routesJson + "]}");
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String route(String applicationId, String upstream, String subdomain, int requestsPerSecond, boolean ready) {
        return "{\"applicationId\": \"" + applicationId + "\", \"upstream\": " + (upstream == null ? "null" : "\"" + upstream + "\"")
                + ", \"subdomain\": \"" + subdomain + "\", \"requestsPerSecond\": " + requestsPerSecond + ", \"ready\": " + ready + "}";
    }

    /** Waits until the router serves the given route table version. */
    void awaitVersion(long version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.routes().current().version() != version) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("route table version " + version + " never arrived; at "
                        + server.routes().current().version());
            }
            Thread.sleep(20);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
