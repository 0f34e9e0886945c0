package dev.reparse.router;

import io.vertx.core.Vertx;

/** Runs the router from the test class path in its own JVM, so a test can bound its heap: args = routes file. */
final class StandaloneRouter {
    private StandaloneRouter() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        TestConfig config = TestConfig.withRoutesFile(args[0]);
        RouterServer server = new RouterServer(vertx, config, System::nanoTime);
        server.start();
        int port = server.listen(config.host(), config.port()).toCompletionStage().toCompletableFuture().get();
        System.out.println("PORT " + port);
        System.out.flush();
    }
}
